import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Product from '#models/product'
import { CatalogInputError } from '#exceptions/catalog_errors'
import { sanitizeRichText } from '#services/rich_text'
import { commaList, handleFrom } from '#catalog/variant_matrix'
import type { CreateProductInput } from '#validators/product'

/**
 * What the audit log compares before and after a product edit: its own
 * fields, tags, options and a one-line summary per variant.
 */
export async function productSnapshot(productId: number, trx: TransactionClientContract) {
  const product = await Product.query({ client: trx })
    .where('id', productId)
    .preload('tags')
    .preload('options', (options) => options.preload('values'))
    .preload('variants')
    .firstOrFail()
  return {
    title: product.title,
    handle: product.handle,
    descriptionHtml: product.descriptionHtml,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    seoTitle: product.seoTitle,
    seoDescription: product.seoDescription,
    tags: product.tagList,
    options: product.options.map((option) => `${option.name}: ${option.values.map((v) => v.value).join(', ')}`),
    // keyed by title, field by field, so the audit log can say "Default · Price: $20.00 → $18.00"
    variants: Object.fromEntries(
      product.variants.map((v) => [
        v.title,
        { sku: v.sku, price: v.price, compareAtPrice: v.compareAtPrice, currency: v.currency, trackInventory: v.trackInventory },
      ])
    ),
  }
}

/** The product's own columns from editor input: sanitized description, handle from the title when blank. */
export function productAttributes(input: CreateProductInput) {
  return {
    title: input.title,
    handle: input.handle || handleFrom(input.title),
    descriptionHtml: sanitizeRichText(input.description) || null,
    vendor: input.vendor ?? null,
    productType: input.productType ?? null,
    status: input.status,
    seoTitle: input.seoTitle ?? null,
    seoDescription: input.seoDescription ?? null,
  }
}

export function tagsFrom(input: CreateProductInput) {
  return commaList(input.tags)
}

/** Inline error when another product already has the handle. */
export async function assertHandleFree(handle: string, productId: number | null, trx: TransactionClientContract) {
  const query = trx.from('products').select('id').where('handle', handle)
  if (productId) query.whereNot('id', productId)
  if (await query.first()) {
    throw new CatalogInputError({ handle: `The handle "${handle}" is already used by another product.` })
  }
}
