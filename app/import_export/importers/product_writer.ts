import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Product from '#models/product'
import Variant from '#models/variant'
import ProductImage from '#models/product_image'
import ProductOption from '#models/product_option'
import ProductOptionValue from '#models/product_option_value'
import type { InventoryPort, StockAdjustment } from '#plugin_host/extension_points/inventory'
import { sanitizeRichText } from '#services/rich_text'
import { ImportRowError, type ImportedProduct, type ImportedVariant } from '#import_export/importers/types'
import type { SkuOwner } from '#import_export/importers/catalog_snapshot'
import { ImageIndex } from '#import_export/image_source'
import { SKU_MAX_LENGTH } from '#import_export/importers/import_rules'

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'skipped'

export interface WriteResult {
  outcome: WriteOutcome
  productId: number | null
  /**
   * Stock changes for the caller to apply on the batch transaction once the
   * product's savepoint is released: commit hooks (cache invalidation) must
   * run after the real commit, not the savepoint's.
   */
  adjustments: StockAdjustment[]
}

export interface WriteContext {
  mode: 'upsert' | 'create-only' | 'update-only'
  images: 'link' | 'skip'
  inventory: InventoryPort
  /** file name, for the stock ledger's reference ("file.csv:12") */
  reference: string
}

export interface BatchState {
  /** the product owning each SKU of the batch, before it was written */
  skuOwners: Map<string, SkuOwner>
  /** sellable stock per existing variant id, before the batch */
  available: Map<number, number>
}

/** Column limits the database enforces (PostgreSQL strictly, SQLite not at all): check both the same way. */
const LIMITS: Array<[keyof ImportedProduct, number, string]> = [
  ['handle', 255, 'Handle'], ['title', 255, 'Title'], ['vendor', 255, 'Vendor'],
  ['productType', 255, 'Type'], ['seoTitle', 255, 'SEO title'], ['seoDescription', 320, 'SEO description'],
]

/**
 * The description as stored: sanitized, then trimmed, because sanitizing
 * can leave the whitespace around a removed tag (a leading `<meta>`), and
 * the readers trim cells: an exported description must read back equal.
 */
export function storedDescription(html: string | null) {
  return sanitizeRichText(html).trim() || null
}

export function checkLimits(product: ImportedProduct) {
  for (const [field, max, label] of LIMITS) {
    const value = product[field] as string | null
    if (value && value.length > max) throw new ImportRowError(product.line, `${label} is longer than ${max} characters`)
  }
  for (const variant of product.variants) {
    if (variant.sku && variant.sku.length > SKU_MAX_LENGTH) throw new ImportRowError(variant.line, `SKU is longer than ${SKU_MAX_LENGTH} characters`)
    if (variant.barcode && variant.barcode.length > 64) throw new ImportRowError(variant.line, 'Barcode is longer than 64 characters')
    if (variant.weightGrams !== null && variant.weightGrams < 0) throw new ImportRowError(variant.line, 'Weight is negative')
  }
}

/**
 * Creates or updates one imported product inside `trx` (a savepoint of the
 * batch), writing only what differs from the store: Lucid's dirty tracking
 * decides whether a row is saved, so a re-import leaves everything unchanged.
 * Stock is adjusted by the difference between the file's quantity and the
 * sellable stock, which is what Shopify's quantity column means.
 */
export async function writeImportedProduct(
  trx: TransactionClientContract,
  imported: ImportedProduct,
  existing: Product | undefined,
  context: WriteContext & BatchState
): Promise<WriteResult> {
  if (existing ? context.mode === 'create-only' : context.mode === 'update-only') {
    return { outcome: 'skipped', productId: existing?.id ?? null, adjustments: [] }
  }
  checkLimits(imported)

  const fields = {
    title: imported.title,
    descriptionHtml: storedDescription(imported.descriptionHtml),
    vendor: imported.vendor,
    productType: imported.productType,
    status: imported.status,
    seoTitle: imported.seoTitle,
    seoDescription: imported.seoDescription,
  }
  let changed = false
  let product: Product
  if (existing) {
    product = existing
    product.useTransaction(trx)
    product.merge(fields)
    if (product.status === 'active' && !product.publishedAt) product.publishedAt = DateTime.now()
    if (product.$isDirty) {
      product.lockVersion += 1
      await product.save()
      changed = true
    }
  } else {
    product = await Product.create(
      { handle: imported.handle, ...fields, publishedAt: fields.status === 'active' ? DateTime.now() : null, lockVersion: 1 },
      { client: trx }
    )
  }

  changed = (await syncTags(product, imported.tags, existing)) || changed
  changed = (await syncOptions(trx, product, imported, existing)) || changed
  const imageIds = context.images === 'link' ? await syncImages(trx, product, imported, existing) : null
  if (imageIds?.changed) changed = true
  const variants = await syncVariants(trx, product, imported, existing, context, imageIds?.bySrc ?? null)
  changed = variants.changed || changed
  const adjustments = stockAdjustments(variants.saved, context)
  const outcome = !existing ? 'created' : changed || adjustments.length ? 'updated' : 'unchanged'
  return { outcome, productId: product.id, adjustments }
}

/** Same de-duplication as Product.syncTags: trimmed, case-insensitive. */
export function tagKey(tags: string[]) {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))].sort().join('\u0000')
}

async function syncTags(product: Product, tags: string[], existing: Product | undefined) {
  const current = existing ? existing.tags.map((tag) => tag.tag) : []
  if (tagKey(current) === tagKey(tags)) return false
  await product.syncTags(tags)
  return true
}

/** Option names in order; new values appended. Renamed or reordered options are rebuilt. */
async function syncOptions(trx: TransactionClientContract, product: Product, imported: ImportedProduct, existing: Product | undefined) {
  let options: ProductOption[] = existing?.options ?? []
  let changed = false
  if (options.map((option) => option.name).join('\u0000') !== imported.optionNames.join('\u0000')) {
    await trx.from('product_options').where('product_id', product.id).delete()
    options = []
    for (const [index, name] of imported.optionNames.entries()) {
      const option = await ProductOption.create({ productId: product.id, name, position: index + 1 }, { client: trx })
      option.$setRelated('values', [])
      options.push(option)
    }
    changed = options.length > 0 || (existing?.options.length ?? 0) > 0
  }
  for (const [index, option] of options.entries()) {
    const have = new Set(option.values.map((value) => value.value))
    let position = option.values.length
    for (const variant of imported.variants) {
      const value = variant.options[index]
      if (!value || have.has(value)) continue
      have.add(value)
      await ProductOptionValue.create({ optionId: option.id, value, position: ++position }, { client: trx })
      changed = true
    }
  }
  return changed
}

/** Pending image rows keyed by source URL, in file order. */
async function syncImages(trx: TransactionClientContract, product: Product, imported: ImportedProduct, existing: Product | undefined) {
  const bySrc = new Map<string, number>()
  const current = new ImageIndex<ProductImage>()
  for (const image of existing?.images ?? []) current.add(image.sourceUrl, image.storageKey, image)
  let changed = false
  for (const [index, { src, alt }] of imported.images.entries()) {
    let image = current.find(src)
    if (image) {
      image.useTransaction(trx)
      image.merge({ alt: alt ?? image.alt, position: index + 1 })
      if (image.$isDirty) {
        await image.save()
        changed = true
      }
    } else {
      image = await ProductImage.create(
        { productId: product.id, sourceUrl: src, alt, position: index + 1, status: 'pending' },
        { client: trx }
      )
      changed = true
    }
    bySrc.set(src, image.id)
  }
  return { bySrc, changed }
}

/** Matches each imported variant by SKU, else by option values; creates the rest. */
async function syncVariants(
  trx: TransactionClientContract,
  product: Product,
  imported: ImportedProduct,
  existing: Product | undefined,
  context: BatchState,
  imageIds: Map<string, number> | null
) {
  const current = [...(existing?.variants ?? [])]
  const saved: Array<{ variant: Variant; imported: ImportedVariant }> = []
  let changed = false
  for (const [index, row] of imported.variants.entries()) {
    const owner = row.sku ? context.skuOwners.get(row.sku) : undefined
    if (owner && owner.productId !== product.id) {
      throw new ImportRowError(row.line, `SKU "${row.sku}" belongs to another product`)
    }
    const key = row.options.join('\u0000')
    const matchIndex = current.findIndex((variant) =>
      row.sku ? variant.sku === row.sku : variant.optionValues.join('\u0000') === key
    )
    const attributes = {
      sku: row.sku,
      title: row.options.length ? row.options.join(' / ') : 'Default Title',
      option1: row.options[0] ?? null,
      option2: row.options[1] ?? null,
      option3: row.options[2] ?? null,
      price: row.price,
      compareAtPrice: row.compareAtPrice,
      cost: row.cost,
      weightGrams: row.weightGrams,
      barcode: row.barcode,
      taxable: row.taxable,
      requiresShipping: row.requiresShipping,
      trackInventory: row.trackInventory,
      inventoryPolicy: row.inventoryPolicy,
      position: index + 1,
      ...(imageIds ? { imageId: (row.imageSrc && imageIds.get(row.imageSrc)) || null } : {}),
    }
    let variant: Variant
    if (matchIndex >= 0) {
      variant = current.splice(matchIndex, 1)[0]
      variant.useTransaction(trx)
      variant.merge(attributes)
      if (variant.$isDirty) {
        await variant.save()
        changed = true
      }
    } else {
      variant = await Variant.create({ productId: product.id, ...attributes }, { client: trx })
      changed = true
    }
    saved.push({ variant, imported: row })
  }
  return { saved, changed }
}

/** The changes that bring sellable stock to the file's quantity. */
function stockAdjustments(saved: Array<{ variant: Variant; imported: ImportedVariant }>, context: WriteContext & BatchState) {
  const adjustments: StockAdjustment[] = []
  for (const { variant, imported } of saved) {
    if (imported.quantity === null || !imported.trackInventory) continue
    const delta = imported.quantity - (context.available.get(variant.id) ?? 0)
    if (delta === 0) continue
    adjustments.push({ variantId: variant.id, delta, reason: 'import', actor: 'cli', reference: `${context.reference}:${imported.line}` })
  }
  return adjustments
}
