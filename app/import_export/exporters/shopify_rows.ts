import type Product from '#models/product'
import { majorUnitsText } from '#services/money'
import { digitsAsText } from '#services/csv'

/**
 * Shopify's legacy product CSV header, the dialect every Shopify store and
 * our own importer read. Exported files import back unchanged.
 */
export const SHOPIFY_HEADER = [
  'Handle', 'Title', 'Body (HTML)', 'Vendor', 'Type', 'Tags', 'Published',
  'Option1 Name', 'Option1 Value', 'Option2 Name', 'Option2 Value', 'Option3 Name', 'Option3 Value',
  'Variant SKU', 'Variant Grams', 'Variant Inventory Tracker', 'Variant Inventory Qty',
  'Variant Inventory Policy', 'Variant Fulfillment Service', 'Variant Price', 'Variant Compare At Price',
  'Variant Requires Shipping', 'Variant Taxable', 'Variant Barcode', 'Image Src', 'Image Position',
  'Image Alt Text', 'SEO Title', 'SEO Description', 'Variant Image', 'Cost per item', 'Status',
] as const

type Row = Record<(typeof SHOPIFY_HEADER)[number], string>

/** Minor units to Shopify's decimal text: 4299 -> "42.99". */
const money = (minor: number | null, currency?: string) => (minor === null ? '' : majorUnitsText(minor, currency))
const bool = (value: boolean) => (value ? 'TRUE' : 'FALSE')

function emptyRow(handle: string): Row {
  const row = Object.fromEntries(SHOPIFY_HEADER.map((name) => [name, ''])) as Row
  row.Handle = handle
  return row
}

export interface ExportContext {
  /** sellable stock per variant id */
  available: Map<number, number>
  /** absolute URL of a stored image key */
  imageUrl(key: string): string
}

/**
 * One product as Shopify rows: the first row carries the product, each row
 * a variant, and images beyond the variant count get image-only rows.
 * Expects variants, images, options and tags preloaded.
 */
export function shopifyRows(product: Product, context: ExportContext): Row[] {
  const images = product.images.map((image) => ({
    id: image.id,
    src: image.sourceUrl ?? (image.storageKey ? context.imageUrl(image.storageKey) : ''),
    alt: image.alt ?? '',
  })).filter((image) => image.src)
  const optionNames = product.options.map((option) => option.name)
  const rows: Row[] = []

  product.variants.forEach((variant, index) => {
    const row = emptyRow(product.handle)
    if (index === 0) {
      Object.assign(row, {
        'Title': product.title,
        'Body (HTML)': product.descriptionHtml ?? '',
        'Vendor': product.vendor ?? '',
        'Type': product.productType ?? '',
        'Tags': product.tags.map((tag) => tag.tag).join(', '),
        'Published': bool(product.status === 'active'),
        'SEO Title': product.seoTitle ?? '',
        'SEO Description': product.seoDescription ?? '',
        'Status': product.status,
      })
    }
    if (optionNames.length === 0) {
      row['Option1 Name'] = index === 0 ? 'Title' : ''
      row['Option1 Value'] = 'Default Title'
    } else {
      const values = [variant.option1, variant.option2, variant.option3]
      optionNames.forEach((name, position) => {
        const n = position + 1 as 1 | 2 | 3
        if (index === 0) row[`Option${n} Name`] = name
        row[`Option${n} Value`] = values[position] ?? ''
      })
    }
    const variantImage = product.images.find((image) => image.id === variant.imageId)
    Object.assign(row, {
      // Digits-only codes are written '0042 as Shopify does, so a spreadsheet keeps the zeros; the importer takes the mark off.
      'Variant SKU': digitsAsText(variant.sku ?? ''),
      'Variant Grams': variant.weightGrams === null ? '' : String(variant.weightGrams),
      'Variant Inventory Tracker': variant.trackInventory ? 'shopify' : '',
      'Variant Inventory Qty': variant.trackInventory ? String(context.available.get(variant.id) ?? 0) : '',
      'Variant Inventory Policy': variant.inventoryPolicy,
      'Variant Fulfillment Service': 'manual',
      'Variant Price': money(variant.price, variant.currency),
      'Variant Compare At Price': money(variant.compareAtPrice, variant.currency),
      'Variant Requires Shipping': bool(variant.requiresShipping),
      'Variant Taxable': bool(variant.taxable),
      'Variant Barcode': digitsAsText(variant.barcode ?? ''),
      'Variant Image': variantImage ? images.find((image) => image.id === variantImage.id)?.src ?? '' : '',
      'Cost per item': money(variant.cost, variant.currency),
    })
    rows.push(row)
  })

  images.forEach((image, index) => {
    const row = rows[index] ?? rows[rows.push(emptyRow(product.handle)) - 1]
    row['Image Src'] = image.src
    row['Image Position'] = String(index + 1)
    row['Image Alt Text'] = image.alt
  })
  return rows
}
