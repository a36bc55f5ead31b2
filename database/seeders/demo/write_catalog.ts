import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DemoProduct } from '#database/seeders/demo/generated_catalog'
import { dbTimestamp } from '#services/db_time'

/** Rows per multi-row INSERT: far below SQLite's bound-parameter limit. */
const CHUNK = 100

async function insertAll(trx: TransactionClientContract, table: string, rows: Record<string, unknown>[]) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx.table(table).multiInsert(rows.slice(start, start + CHUNK))
  }
}

/** Reads back ids of rows just inserted, keyed by `key(row)`. */
async function idsBy(
  trx: TransactionClientContract,
  table: string,
  column: string,
  values: unknown[],
  key: (row: any) => string
) {
  const ids = new Map<string, number>()
  for (let start = 0; start < values.length; start += CHUNK * 5) {
    const rows = await trx.from(table).whereIn(column, values.slice(start, start + CHUNK * 5) as any[])
    for (const row of rows) ids.set(key(row), Number(row.id))
  }
  return ids
}

export interface WrittenCatalog {
  /** product id per handle */
  productIds: Map<string, number>
  /** variant ids per handle, in the product's variant order */
  variantIds: Map<string, number[]>
  pendingImages: number
}

/**
 * Writes products with their tags, options, variants and pending (remote)
 * images in a handful of multi-row inserts, instead of one INSERT per row.
 */
export async function writeCatalog(trx: TransactionClientContract, products: DemoProduct[]): Promise<WrittenCatalog> {
  const now = dbTimestamp(trx)
  await insertAll(
    trx,
    'products',
    products.map((product) => ({
      handle: product.handle,
      title: product.title,
      description_html: product.bodyHtml,
      vendor: product.vendor,
      product_type: product.productType,
      status: product.status,
      seo_title: product.seoTitle,
      seo_description: product.seoDescription,
      published_at: product.status === 'active' ? now : null,
      lock_version: 1,
      created_at: now,
      updated_at: now,
    }))
  )
  const productIds = await idsBy(trx, 'products', 'handle', products.map((p) => p.handle), (row) => row.handle)
  const idOf = (product: DemoProduct) => productIds.get(product.handle)!
  const allIds = [...productIds.values()]

  await insertAll(
    trx,
    'product_tags',
    products.flatMap((product) =>
      [...new Set(product.tags)].map((tag) => ({ product_id: idOf(product), tag, created_at: now }))
    )
  )

  await insertAll(
    trx,
    'product_options',
    products.flatMap((product) =>
      product.optionNames.map((name, index) => ({
        product_id: idOf(product),
        name,
        position: index + 1,
        created_at: now,
        updated_at: now,
      }))
    )
  )
  const optionIds = await idsBy(trx, 'product_options', 'product_id', allIds, (row) => `${row.product_id}:${row.position}`)
  await insertAll(
    trx,
    'product_option_values',
    products.flatMap((product) =>
      product.optionNames.flatMap((_, index) => {
        const values = [...new Set(product.variants.map((variant) => variant.options[index]).filter(Boolean))]
        return values.map((value, position) => ({
          option_id: optionIds.get(`${idOf(product)}:${index + 1}`),
          value,
          position: position + 1,
          created_at: now,
          updated_at: now,
        }))
      })
    )
  )

  await insertAll(
    trx,
    'variants',
    products.flatMap((product) =>
      product.variants.map((variant, index) => ({
        product_id: idOf(product),
        sku: variant.sku,
        title: variant.options.length ? variant.options.join(' / ') : 'Default Title',
        option1: variant.options[0] ?? null,
        option2: variant.options[1] ?? null,
        option3: variant.options[2] ?? null,
        price: variant.price,
        compare_at_price: variant.compareAtPrice,
        currency: 'USD',
        weight_grams: variant.grams,
        barcode: variant.barcode,
        taxable: variant.taxable,
        requires_shipping: variant.requiresShipping,
        track_inventory: true,
        inventory_policy: variant.inventoryPolicy,
        position: index + 1,
        created_at: now,
        updated_at: now,
      }))
    )
  )
  const variantIdsByPosition = await idsBy(trx, 'variants', 'product_id', allIds, (row) => `${row.product_id}:${row.position}`)
  const variantIds = new Map(
    products.map((product) => [
      product.handle,
      product.variants.map((_, index) => variantIdsByPosition.get(`${idOf(product)}:${index + 1}`)!),
    ])
  )

  // Imported pictures stay remote and pending: a job fetches them later, never the seeder.
  const imageRows = products.flatMap((product) =>
    product.images.map((image, index) => ({
      product_id: idOf(product),
      source_url: image.src,
      alt: image.alt ?? product.title,
      position: index + 1,
      status: 'pending',
      created_at: now,
      updated_at: now,
    }))
  )
  await insertAll(trx, 'product_images', imageRows)
  await linkVariantImages(trx, products, productIds, variantIds)

  return { productIds, variantIds, pendingImages: imageRows.length }
}

async function linkVariantImages(
  trx: TransactionClientContract,
  products: DemoProduct[],
  productIds: Map<string, number>,
  variantIds: Map<string, number[]>
) {
  const withVariantImages = products.filter((product) => product.variants.some((variant) => variant.imageSrc))
  if (!withVariantImages.length) return
  const images = await trx
    .from('product_images')
    .whereIn('product_id', withVariantImages.map((product) => productIds.get(product.handle)!))
    .select('id', 'product_id', 'source_url')
  const imageId = new Map(images.map((row) => [`${row.product_id}|${row.source_url}`, Number(row.id)]))
  for (const product of withVariantImages) {
    for (const [index, variant] of product.variants.entries()) {
      const id = variant.imageSrc && imageId.get(`${productIds.get(product.handle)}|${variant.imageSrc}`)
      if (id) await trx.from('variants').where('id', variantIds.get(product.handle)![index]).update({ image_id: id })
    }
  }
}

/** Manual collections for the biggest product types among active products, members by title. */
export async function writeTypeCollections(
  trx: TransactionClientContract,
  products: DemoProduct[],
  productIds: Map<string, number>,
  limit: number
) {
  const now = dbTimestamp(trx)
  const byType = new Map<string, DemoProduct[]>()
  for (const product of products) {
    if (product.status !== 'active' || !product.productType) continue
    byType.set(product.productType, [...(byType.get(product.productType) ?? []), product])
  }
  const chosen = [...byType.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, limit)

  let created = 0
  for (const [type, members] of chosen) {
    const handle = type.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
    // A collection staff already made under this handle is theirs: leave it be.
    if (await trx.from('collections').where('handle', handle).first()) continue
    created += 1
    await trx.table('collections').insert({
      handle,
      title: type,
      description_html: `<p>All our ${type.toLowerCase()}, in one place.</p>`,
      kind: 'manual',
      sort_order: 'manual',
      published: true,
      created_at: now,
      updated_at: now,
    })
    const collection = await trx.from('collections').where('handle', handle).firstOrFail()
    const sorted = [...members].sort((a, b) => a.title.localeCompare(b.title))
    await insertAll(
      trx,
      'collection_products',
      sorted.map((product, index) => ({
        collection_id: collection.id,
        product_id: productIds.get(product.handle),
        position: index + 1,
        created_at: now,
      }))
    )
  }
  return created
}
