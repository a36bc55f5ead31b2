/** A cart change the shopper asked for cannot be made; `message` is shown to them. */
export class CartInputError extends Error {
  code = 'E_CART_INPUT'
  constructor(message: string, readonly field?: string) {
    super(message)
  }
}
