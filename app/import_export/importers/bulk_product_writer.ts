import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportedProduct } from '#import_export/importers/types'
import { dbTimestamp } from '#services/db_time'
import { storedDescription } from '#import_export/importers/product_writer'
import { storeCurrency } from '#services/money'

/**
 * Rows per multi-row INSERT on SQLite: a whole import batch of products in
 * one statement. 500 variant rows bind 9,000 values, far below its limit of
 * 32,766.
 */
const CHUNK = 500

/**
 * Inserts rows and answers the `returning` columns of each (both databases
 * support RETURNING). PostgreSQL gets the rows as one JSON document that
 * `json_populate_recordset` spreads over the table's own column types: one
 * bound parameter instead of thousands, which spares both the client's
 * placeholder numbering and the server's parse and bind of giant VALUES
 * lists. SQLite takes multi-row VALUES in chunks.
 */
async function insertAll(
  trx: TransactionClientContract,
  table: string,
  rows: Record<string, unknown>[],
  returning?: { columns: string[]; by: string }
) {
  if (!rows.length) return []
  if (trx.dialect.name === 'postgres') {
    const columns = Object.keys(rows[0]).map((column) => `"${column}"`).join(', ')
    const result = await trx.rawQuery(
      `insert into "${table}" (${columns}) select ${columns} from json_populate_recordset(null::"${table}", ?)` +
        (returning ? ` returning ${returning.columns.map((column) => `"${column}"`).join(', ')}` : ''),
      [JSON.stringify(rows)]
    )
    return result.rows as any[]
  }
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx.table(table).multiInsert(rows.slice(start, start + CHUNK))
  }
  if (!returning) return []
  // knex compiles SQLite's multi-row insert as INSERT … SELECT … UNION ALL, whose RETURNING it does not read back: select the rows by `by`.
  const keys = [...new Set(rows.map((row) => row[returning.by]))] as any[]
  const inserted: any[] = []
  for (let start = 0; start < keys.length; start += CHUNK) {
    inserted.push(...(await trx.from(table).whereIn(returning.by, keys.slice(start, start + CHUNK)).select('id', ...returning.columns)))
  }
  return inserted
}

/** `count` ids from the products sequence, for rows inserted with their id (PostgreSQL). */
async function reserveProductIds(trx: TransactionClientContract, count: number) {
  const result = await trx.rawQuery(
    "select nextval(pg_get_serial_sequence('products', 'id')) as id from generate_series(1, ?)",
    [count]
  )
  return result.rows.map((row: { id: string }) => Number(row.id))
}

/** Ids of rows just inserted (their RETURNING rows), keyed by `key(row)`. */
function idsBy(rows: any[], key: (row: any) => string) {
  return new Map(rows.map((row) => [key(row), Number(row.id)]))
}

/** Tags as Product.syncTags keeps them: trimmed, first spelling of each case-insensitive tag. */
function uniqueTags(tags: string[]) {
  const unique = new Map<string, string>()
  for (const raw of tags) {
    const tag = raw.trim()
    if (tag && !unique.has(tag.toLowerCase())) unique.set(tag.toLowerCase(), tag)
  }
  return [...unique.values()]
}

export interface WrittenCatalog {
  /** product id per handle */
  productIds: Map<string, number>
  /** variant ids per handle, in the product's variant order */
  variantIds: Map<string, number[]>
  pendingImages: number
}

/**
 * Creates new products with their tags, options, variants and pending
 * (remote) images in a handful of multi-row inserts instead of one INSERT
 * per row: the demo seeder and the importer's fast path for products the
 * store does not have yet. Handles and SKUs must be free (the caller checks);
 * a clash fails the whole call, and the caller's savepoint with it.
 */
export async function insertNewProducts(
  trx: TransactionClientContract,
  products: ImportedProduct[],
  options: { images?: 'link' | 'skip' } = {}
): Promise<WrittenCatalog> {
  const now = dbTimestamp(trx)
  const postgres = trx.dialect.name === 'postgres'
  // PostgreSQL: ids first and tags before their products (the foreign key is
  // deferred to commit, migration 0061), so each product's search document is
  // computed once, with its tags, by the insert trigger. In the other order
  // the tag trigger computes it again and rewrites every tagged product.
  const reservedIds = postgres ? await reserveProductIds(trx, products.length) : []
  const productIds = new Map(products.map((product, index) => [product.handle, reservedIds[index]]))
  const tagRows = () =>
    products.flatMap((product) =>
      uniqueTags(product.tags).map((tag) => ({ product_id: productIds.get(product.handle)!, tag, created_at: now }))
    )
  if (postgres) {
    await trx.rawQuery('SET CONSTRAINTS product_tags_product_id_foreign DEFERRED')
    await insertAll(trx, 'product_tags', tagRows())
  }

  const productRows = await insertAll(
    trx,
    'products',
    products.map((product, index) => ({
      ...(postgres ? { id: reservedIds[index] } : {}),
      handle: product.handle,
      title: product.title,
      description_html: storedDescription(product.descriptionHtml),
      vendor: product.vendor,
      product_type: product.productType,
      status: product.status,
      seo_title: product.seoTitle,
      seo_description: product.seoDescription,
      published_at: product.status === 'active' ? now : null,
      lock_version: 1,
      created_at: now,
      updated_at: now,
    })),
    postgres ? undefined : { columns: ['id', 'handle'], by: 'handle' }
  )
  if (postgres) {
    // checks the batch's tags now, so a bad row fails this statement, not the commit
    await trx.rawQuery('SET CONSTRAINTS product_tags_product_id_foreign IMMEDIATE')
  } else {
    for (const [handle, id] of idsBy(productRows, (row) => row.handle)) productIds.set(handle, id)
    await insertAll(trx, 'product_tags', tagRows())
  }
  const idOf = (product: ImportedProduct) => productIds.get(product.handle)!

  const optionRows = await insertAll(
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
    ),
    { columns: ['id', 'product_id', 'position'], by: 'product_id' }
  )
  const optionIds = idsBy(optionRows, (row) => `${row.product_id}:${row.position}`)
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

  const variantRows = await insertAll(
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
        cost: variant.cost,
        currency: storeCurrency,
        weight_grams: variant.weightGrams,
        barcode: variant.barcode,
        taxable: variant.taxable,
        requires_shipping: variant.requiresShipping,
        track_inventory: variant.trackInventory,
        inventory_policy: variant.inventoryPolicy,
        position: index + 1,
        created_at: now,
        updated_at: now,
      }))
    ),
    { columns: ['id', 'product_id', 'position'], by: 'product_id' }
  )
  const variantIdsByPosition = idsBy(variantRows, (row) => `${row.product_id}:${row.position}`)
  const variantIds = new Map(
    products.map((product) => [
      product.handle,
      product.variants.map((_, index) => variantIdsByPosition.get(`${idOf(product)}:${index + 1}`)!),
    ])
  )

  // Imported pictures stay remote and pending: a job fetches them later, never the writer.
  const imageRows = (options.images === 'skip' ? [] : products).flatMap((product) =>
    product.images.map((image, index) => ({
      product_id: idOf(product),
      source_url: image.src,
      alt: image.alt,
      position: index + 1,
      status: 'pending',
      created_at: now,
      updated_at: now,
    }))
  )
  await insertAll(trx, 'product_images', imageRows)
  if (imageRows.length) await linkVariantImages(trx, products, productIds, variantIds)

  return { productIds, variantIds, pendingImages: imageRows.length }
}

async function linkVariantImages(
  trx: TransactionClientContract,
  products: ImportedProduct[],
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
