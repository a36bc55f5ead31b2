import type { ImportedProduct } from '#import_export/importers/types'

/** Something the import changed to keep a product in; reported, never fatal. */
export interface ImportWarning {
  line: number
  handle: string | null
  sku?: string | null
  message: string
}

export type Warn = (warning: ImportWarning) => void

/**
 * Shopify does not require unique SKUs; Stockroom does (a SKU finds one
 * variant for stock counts, order lines and the inventory CSV). The rule,
 * in file order: the first row that names a SKU keeps it; a later row with
 * the same SKU, in the same product or another, is imported without one,
 * and a warning names both lines. Deterministic, so importing the file
 * again gives the same catalog and reports it unchanged.
 */
export class SkuClaims {
  readonly #first = new Map<string, { line: number; handle: string; options: string }>()

  claim(product: ImportedProduct, warn: Warn) {
    for (const variant of product.variants) {
      if (!variant.sku) continue
      const options = variant.options.join('\u0000')
      const first = this.#first.get(variant.sku)
      if (!first) {
        this.#first.set(variant.sku, { line: variant.line, handle: product.handle, options })
        continue
      }
      // The same variant met again (a handle repeated further down the file) keeps its SKU.
      if (first.handle === product.handle && first.options === options) continue
      warn({
        line: variant.line,
        handle: product.handle,
        sku: variant.sku,
        message: `SKU "${variant.sku}" is already used on line ${first.line} (${first.handle}): imported without a SKU`,
      })
      variant.sku = null
    }
  }
}

/** The variants table's SKU column (and the product editor's rule) holds this many characters. */
export const SKU_MAX_LENGTH = 120

/**
 * A SKU cell longer than a SKU can be is not one code: real exports carry a
 * comma-joined list of a print-on-demand app's item ids, the same on every
 * row of the product. The row is imported without a SKU, with a warning,
 * instead of keeping the whole product out. Runs before the SKU claims, so
 * a dropped list claims nothing.
 */
export function dropOverlongSkus(product: ImportedProduct, warn: Warn) {
  for (const variant of product.variants) {
    if (!variant.sku || variant.sku.length <= SKU_MAX_LENGTH) continue
    warn({
      line: variant.line,
      handle: product.handle,
      sku: variant.sku,
      message: `SKU is ${variant.sku.length} characters, over ${SKU_MAX_LENGTH}: imported without a SKU`,
    })
    variant.sku = null
  }
}

/**
 * A SKU the store already gives to a product other than this one (and that
 * no earlier row of the file claimed): the row is imported without it,
 * as for a repeat within the file.
 */
export function releaseStoreOwnedSkus(
  product: ImportedProduct,
  storedId: number | undefined,
  owners: Map<string, { productId: number; handle: string }>,
  warn: Warn
) {
  for (const variant of product.variants) {
    const owner = variant.sku ? owners.get(variant.sku) : undefined
    if (!owner || owner.productId === storedId) continue
    warn({
      line: variant.line,
      handle: product.handle,
      sku: variant.sku,
      message: `SKU "${variant.sku}" belongs to product ${owner.handle} in the store: imported without a SKU`,
    })
    variant.sku = null
  }
}

/** Search-result fields Shopify lets grow past what search engines show; the database column is the bound. */
const SEO_LIMITS = [
  ['seoTitle', 255, 'SEO title'],
  ['seoDescription', 320, 'SEO description'],
] as const

/**
 * An SEO text longer than its column is cut at the limit (on a character
 * boundary) with a warning, instead of keeping the product out: search
 * engines show about 160 characters anyway.
 */
export function fitSeoFields(product: ImportedProduct, warn: Warn) {
  for (const [field, max, label] of SEO_LIMITS) {
    const value = product[field]
    if (!value || value.length <= max) continue
    let cut = value.slice(0, max)
    // Do not leave half of a surrogate pair (an emoji) at the end.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
    product[field] = cut.trimEnd()
    warn({ line: product.line, handle: product.handle, message: `${label} is ${value.length} characters: kept the first ${max}` })
  }
}
