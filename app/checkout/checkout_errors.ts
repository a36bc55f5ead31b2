/** A line the shop cannot sell in the quantity asked, with what is left. */
export interface OutOfStockLine {
  variantId: number
  title: string
  requested: number
  /** sellable units when the order was refused (0 when sold out) */
  available: number
}

/**
 * The order was refused because stock ran out for some lines. Nothing was
 * written. `lines` names each short line and what is left, for the answer
 * the shopper sees.
 */
export class CheckoutOutOfStockError extends Error {
  code = 'E_CHECKOUT_OUT_OF_STOCK'
  constructor(readonly lines: OutOfStockLine[]) {
    super(
      'Not enough stock for: ' +
        lines.map((line) => `${line.title} (you asked for ${line.requested}, ${line.available} left)`).join('; ')
    )
  }

  /** One sentence per line, as shown to the shopper. */
  get messages(): string[] {
    return this.lines.map((line) =>
      line.available > 0
        ? `${line.title}: only ${line.available} left (you asked for ${line.requested}).`
        : `${line.title} is sold out.`
    )
  }
}

/**
 * What the shopper reviewed is no longer what the order would be (a price,
 * discount or shipping cost changed meanwhile): back to the review with
 * these messages and the new totals. Nothing was written.
 */
export class CheckoutChangedError extends Error {
  code = 'E_CHECKOUT_CHANGED'
  constructor(readonly messages: string[]) {
    super(`The order changed since it was reviewed: ${messages.join(' ')}`)
  }
}

/** There is nothing to order: the cart is empty or already became an order. */
export class EmptyCartError extends Error {
  code = 'E_CHECKOUT_EMPTY_CART'
  constructor() {
    super('Your cart is empty.')
  }
}
