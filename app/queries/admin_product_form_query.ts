import app from '@adonisjs/core/services/app'
import Product from '#models/product'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { MAX_OPTIONS } from '#validators/product'
import { toMajor, variantTitle } from '#catalog/variant_matrix'

/** What the product editor renders: the product's values, or the values a staff member just submitted. */
export interface ProductFormState {
  title: string
  handle: string
  description: string
  vendor: string
  productType: string
  tags: string
  status: string
  seoTitle: string
  seoDescription: string
  lockVersion: number | null
  options: Array<{ name: string; values: string }>
  variants: Array<{
    id: string
    option1: string
    option2: string
    option3: string
    title: string
    sku: string
    price: string
    compareAtPrice: string
    cost: string
    weightGrams: string
    barcode: string
    trackInventory: boolean
    stockOnHand: string
    stockShown: string
  }>
  confirmRemoval: boolean
}

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value))

function padOptions(options: ProductFormState['options']) {
  const rows = options.slice(0, MAX_OPTIONS)
  while (rows.length < MAX_OPTIONS) rows.push({ name: '', values: '' })
  return rows
}

/** The empty editor: one default variant row for a product without options. */
export function blankProductForm(): ProductFormState {
  return {
    ...formFromBody({ status: 'draft' }),
    variants: [formFromBody({ variants: [{ trackInventory: 'on' }] }).variants[0]],
  }
}

/** The editor filled from the stored product, with stock read through the inventory port. */
export async function formFromProduct(productId: number): Promise<{ product: Product; form: ProductFormState }> {
  const product = await Product.query()
    .where('id', productId)
    .preload('tags')
    .preload('options', (options) => options.preload('values'))
    .preload('variants')
    .firstOrFail()
  const stock = await (await app.container.make(InventoryPort)).available(product.variants.map((variant) => variant.id))
  const form: ProductFormState = {
    title: product.title,
    handle: product.handle,
    description: product.descriptionHtml ?? '',
    vendor: str(product.vendor),
    productType: str(product.productType),
    tags: product.tagList.join(', '),
    status: product.status,
    seoTitle: str(product.seoTitle),
    seoDescription: str(product.seoDescription),
    lockVersion: product.lockVersion,
    options: padOptions(
      product.options.map((option) => ({ name: option.name, values: option.values.map((value) => value.value).join(', ') }))
    ),
    variants: product.variants.map((variant) => ({
      id: String(variant.id),
      option1: str(variant.option1),
      option2: str(variant.option2),
      option3: str(variant.option3),
      title: variant.title,
      sku: str(variant.sku),
      price: toMajor(variant.price, variant.currency),
      compareAtPrice: toMajor(variant.compareAtPrice, variant.currency),
      cost: toMajor(variant.cost, variant.currency),
      weightGrams: str(variant.weightGrams),
      barcode: str(variant.barcode),
      trackInventory: variant.trackInventory,
      stockOnHand: str(stock.get(variant.id) ?? 0),
      stockShown: str(stock.get(variant.id) ?? 0),
    })),
    confirmRemoval: false,
  }
  return { product, form }
}

/** The editor refilled from a submitted body, exactly as typed, so a refused save loses nothing. */
export function formFromBody(body: Record<string, any>): ProductFormState {
  const list = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []
  return {
    title: str(body.title),
    handle: str(body.handle),
    description: str(body.description),
    vendor: str(body.vendor),
    productType: str(body.productType),
    tags: str(body.tags),
    status: str(body.status) || 'draft',
    seoTitle: str(body.seoTitle),
    seoDescription: str(body.seoDescription),
    lockVersion: body.lockVersion ? Number(body.lockVersion) : null,
    options: padOptions(list(body.options).map((row) => ({ name: str(row.name), values: str(row.values) }))),
    variants: list(body.variants).map((row) => ({
      id: str(row.id),
      option1: str(row.option1),
      option2: str(row.option2),
      option3: str(row.option3),
      title: variantTitle([str(row.option1) || null, str(row.option2) || null, str(row.option3) || null]),
      sku: str(row.sku),
      price: str(row.price),
      compareAtPrice: str(row.compareAtPrice),
      cost: str(row.cost),
      weightGrams: str(row.weightGrams),
      barcode: str(row.barcode),
      trackInventory: Boolean(row.trackInventory),
      stockOnHand: str(row.stockOnHand),
      stockShown: str(row.stockShown),
    })),
    confirmRemoval: Boolean(body.confirmRemoval),
  }
}
