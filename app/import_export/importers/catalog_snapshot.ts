import db from '@adonisjs/lucid/services/db'
import type { InventoryPort } from '#plugin_host/extension_points/inventory'
import { checkLimits, storedDescription, tagKey, type WriteContext } from '#import_export/importers/product_writer'
import type { ImportedProduct } from '#import_export/importers/types'
import { ImageIndex } from '#import_export/image_source'

/** Far below either database's bound-parameter limit. */
const CHUNK = 500

interface StoredVariant {
  id: number
  sku: string | null
  title: string
  option1: string | null
  option2: string | null
  option3: string | null
  price: number
  compare_at_price: number | null
  cost: number | null
  weight_grams: number | null
  barcode: string | null
  taxable: unknown
  requires_shipping: unknown
  track_inventory: unknown
  inventory_policy: string
  position: number
  image_id: number | null
}

export interface SkuOwner {
  productId: number
  handle: string
}

export interface StoredProduct {
  id: number
  handle: string
  title: string
  description_html: string | null
  vendor: string | null
  product_type: string | null
  status: string
  seo_title: string | null
  seo_description: string | null
  published_at: unknown
  variants: StoredVariant[]
  tags: string[]
  options: Array<{ name: string; values: Set<string> }>
  images: ImageIndex<{ id: number; alt: string | null; position: number }>
}

/**
 * What the store holds for one import batch, read as plain rows with one
 * query per table: enough to tell which products the file leaves exactly
 * as they are without building a model per row (the re-import of an
 * unchanged file is mostly that). Only what is not unchanged is then loaded
 * as models for the writer.
 */
export class CatalogSnapshot {
  private constructor(
    readonly products: Map<string, StoredProduct>,
    /** the product owning each SKU of the batch */
    readonly skuOwners: Map<string, SkuOwner>,
    /** sellable stock per stored variant id */
    readonly available: Map<number, number>
  ) {}

  static async load(batch: ImportedProduct[], inventory: InventoryPort, withImages: boolean) {
    const products = new Map<string, StoredProduct>()
    const byId = new Map<number, StoredProduct>()
    const handles = [...new Set(batch.map((product) => product.handle))]
    for (const rows of await chunked(handles, (part) =>
      db
        .from('products')
        .whereIn('handle', part)
        .select('id', 'handle', 'title', 'description_html', 'vendor', 'product_type', 'status', 'seo_title', 'seo_description', 'published_at')
    )) {
      const product: StoredProduct = { ...rows, id: Number(rows.id), variants: [], tags: [], options: [], images: new ImageIndex() }
      products.set(product.handle, product)
      byId.set(product.id, product)
    }
    const ids = [...byId.keys()]
    if (ids.length) await attachRows(ids, byId, withImages)

    const skus = [...new Set(batch.flatMap((product) => product.variants.flatMap((variant) => (variant.sku ? [variant.sku] : []))))]
    const skuOwners = new Map<string, SkuOwner>()
    for (const row of await chunked(skus, (part) =>
      db.from('variants').join('products', 'products.id', 'variants.product_id').whereIn('variants.sku', part).select('variants.sku', 'variants.product_id', 'products.handle')
    )) {
      skuOwners.set(row.sku, { productId: Number(row.product_id), handle: row.handle })
    }
    const variantIds = [...byId.values()].flatMap((product) => product.variants.map((variant) => variant.id))
    const available = variantIds.length ? await inventory.available(variantIds) : new Map<number, number>()
    return new CatalogSnapshot(products, skuOwners, available)
  }

  /**
   * True when writing `imported` would change nothing: the same comparisons
   * the writer makes (fields, tags, options, images, variants, stock), on
   * plain rows. Anything it is unsure of (limits, SKUs of another product,
   * modes) answers false and goes the writer's way, which decides exactly.
   */
  isUnchanged(imported: ImportedProduct, context: WriteContext): boolean {
    const stored = this.products.get(imported.handle)
    if (!stored || context.mode === 'create-only') return false
    try {
      checkLimits(imported)
    } catch {
      return false
    }
    if (
      stored.title !== imported.title ||
      stored.vendor !== imported.vendor ||
      stored.product_type !== imported.productType ||
      stored.status !== imported.status ||
      stored.seo_title !== imported.seoTitle ||
      stored.seo_description !== imported.seoDescription ||
      (stored.status === 'active' && !stored.published_at)
    ) {
      return false
    }
    // Sanitizing is idempotent: a stored description equal to the file's needs no second pass.
    const description = imported.descriptionHtml === stored.description_html ? stored.description_html : storedDescription(imported.descriptionHtml)
    if (description !== stored.description_html) return false
    if (tagKey(stored.tags) !== tagKey(imported.tags)) return false
    if (!this.#sameOptions(stored, imported)) return false
    const imageIds = context.images === 'link' ? sameImages(stored, imported) : null
    if (imageIds === false) return false
    return this.#sameVariants(stored, imported, imageIds)
  }

  #sameOptions(stored: StoredProduct, imported: ImportedProduct) {
    if (stored.options.map((option) => option.name).join('\u0000') !== imported.optionNames.join('\u0000')) return false
    return stored.options.every((option, index) =>
      imported.variants.every((variant) => !variant.options[index] || option.values.has(variant.options[index]))
    )
  }

  #sameVariants(stored: StoredProduct, imported: ImportedProduct, imageIds: Map<string, number> | null) {
    const current = [...stored.variants]
    for (const [index, row] of imported.variants.entries()) {
      const owner = row.sku ? this.skuOwners.get(row.sku) : undefined
      if (owner && owner.productId !== stored.id) return false
      const key = row.options.join('\u0000')
      const match = current.findIndex((variant) =>
        row.sku ? variant.sku === row.sku : optionValues(variant).join('\u0000') === key
      )
      if (match < 0) return false
      const [variant] = current.splice(match, 1)
      const same =
        variant.sku === row.sku &&
        variant.title === (row.options.length ? row.options.join(' / ') : 'Default Title') &&
        variant.option1 === (row.options[0] ?? null) &&
        variant.option2 === (row.options[1] ?? null) &&
        variant.option3 === (row.options[2] ?? null) &&
        sameNumber(variant.price, row.price) &&
        sameNumber(variant.compare_at_price, row.compareAtPrice) &&
        sameNumber(variant.cost, row.cost) &&
        sameNumber(variant.weight_grams, row.weightGrams) &&
        variant.barcode === row.barcode &&
        Boolean(variant.taxable) === row.taxable &&
        Boolean(variant.requires_shipping) === row.requiresShipping &&
        Boolean(variant.track_inventory) === row.trackInventory &&
        variant.inventory_policy === row.inventoryPolicy &&
        Number(variant.position) === index + 1 &&
        (!imageIds || sameNumber(variant.image_id, (row.imageSrc && imageIds.get(row.imageSrc)) || null))
      if (!same) return false
      if (row.quantity !== null && row.trackInventory && row.quantity !== (this.available.get(variant.id) ?? 0)) return false
    }
    return true
  }
}

/** The stored image ids by source URL when every file image is there in place; false otherwise. */
function sameImages(stored: StoredProduct, imported: ImportedProduct): Map<string, number> | false {
  const bySrc = new Map<string, number>()
  for (const [index, { src, alt }] of imported.images.entries()) {
    const image = stored.images.find(src)
    if (!image || image.position !== index + 1 || (alt !== null && alt !== image.alt)) return false
    bySrc.set(src, image.id)
  }
  return bySrc
}

function optionValues(variant: StoredVariant) {
  return [variant.option1, variant.option2, variant.option3].filter((value): value is string => value !== null)
}

function sameNumber(stored: unknown, imported: number | null) {
  return stored === null || stored === undefined ? imported === null : imported !== null && Number(stored) === imported
}

async function chunked<Row = any>(values: unknown[], query: (part: any[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = []
  for (let start = 0; start < values.length; start += CHUNK) rows.push(...(await query(values.slice(start, start + CHUNK))))
  return rows
}

/** Variants, tags, options with their values and images of the stored products, one query per table. */
async function attachRows(ids: number[], byId: Map<number, StoredProduct>, withImages: boolean) {
  const owner = (row: { product_id: unknown }) => byId.get(Number(row.product_id))!
  const variants = await chunked(ids, (part) =>
    db
      .from('variants')
      .whereIn('product_id', part)
      .select('id', 'product_id', 'sku', 'title', 'option1', 'option2', 'option3', 'price', 'compare_at_price', 'cost',
        'weight_grams', 'barcode', 'taxable', 'requires_shipping', 'track_inventory', 'inventory_policy', 'position', 'image_id')
      .orderBy('position')
      .orderBy('id')
  )
  for (const row of variants) owner(row).variants.push({ ...row, id: Number(row.id) })
  for (const row of await chunked(ids, (part) => db.from('product_tags').whereIn('product_id', part).select('product_id', 'tag').orderBy('id'))) {
    owner(row).tags.push(row.tag)
  }
  const options = await chunked(ids, (part) =>
    db.from('product_options').whereIn('product_id', part).select('id', 'product_id', 'name').orderBy('position').orderBy('id')
  )
  const optionById = new Map<number, { name: string; values: Set<string> }>()
  for (const row of options) {
    const option = { name: row.name, values: new Set<string>() }
    owner(row).options.push(option)
    optionById.set(Number(row.id), option)
  }
  for (const row of await chunked([...optionById.keys()], (part) => db.from('product_option_values').whereIn('option_id', part).select('option_id', 'value'))) {
    optionById.get(Number(row.option_id))!.values.add(row.value)
  }
  if (!withImages) return
  const images = await chunked(ids, (part) =>
    db
      .from('product_images')
      .whereIn('product_id', part)
      .where((query) => query.whereNotNull('source_url').orWhereNotNull('storage_key'))
      .select('id', 'product_id', 'source_url', 'storage_key', 'alt', 'position')
      .orderBy('position')
      .orderBy('id')
  )
  // As the writer's index: the last stored image of a URL wins.
  for (const row of images) {
    owner(row).images.add(row.source_url, row.storage_key, { id: Number(row.id), alt: row.alt, position: Number(row.position) })
  }
}
