/**
 * Raised by catalog actions when the input is well-formed but clashes with
 * the store: a taken handle or SKU, variants that would be removed without
 * confirmation. `errors` maps form field paths ("handle", "variants.2.sku")
 * to a message shown next to that field.
 */
export class CatalogInputError extends Error {
  code = 'E_CATALOG_INPUT'
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? 'Invalid catalog input')
  }
}

/** The product changed since the editor loaded it: a save would overwrite someone's work. */
export class ProductConflictError extends Error {
  code = 'E_PRODUCT_CONFLICT'
  constructor(readonly productId: number) {
    super(`Product ${productId} was changed by someone else since you opened it.`)
  }
}
