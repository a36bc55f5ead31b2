import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'

/**
 * A deliberately small reader for the Shopify sample CSVs that ship with the
 * demo: enough to give the demo store real-looking products. The operator
 * importer (other dialects, validation, reports) lives with the CLI.
 */
export interface FixtureVariant {
  options: string[]
  sku: string | null
  grams: number | null
  price: number
  compareAtPrice: number | null
  requiresShipping: boolean
  taxable: boolean
  barcode: string | null
  inventoryPolicy: 'deny' | 'continue'
  quantity: number
  imageSrc: string | null
}

export interface FixtureProduct {
  handle: string
  title: string
  bodyHtml: string | null
  vendor: string | null
  productType: string | null
  tags: string[]
  published: boolean
  seoTitle: string | null
  seoDescription: string | null
  /** option names; empty for a single "Default Title" variant */
  optionNames: string[]
  variants: FixtureVariant[]
  images: Array<{ src: string; position: number; alt: string | null }>
}

type Row = Record<string, string>

/** "12.50" -> 1250, "55" -> 5500; null for blank or malformed amounts. */
export function decimalToMinor(text: string | undefined, digits = 2): number | null {
  const value = (text ?? '').trim()
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value)
  if (!match) return null
  const fraction = (match[2] ?? '').padEnd(digits, '0')
  // Round rather than truncate an over-precise fraction ("1.005" -> 101).
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.slice(0, digits) || '0')
  return fraction.length > digits && Number(fraction[digits]) >= 5 ? minor + 1 : minor
}

const blank = (value: string | undefined) => (value ?? '').trim() || null
const yes = (value: string | undefined, fallback: boolean) =>
  blank(value) === null ? fallback : value!.trim().toLowerCase() === 'true'

function isDefaultTitle(row: Row) {
  return row['Option1 Name']?.trim() === 'Title' && row['Option1 Value']?.trim() === 'Default Title'
}

function readVariant(row: Row, optionCount: number): FixtureVariant | null {
  const price = decimalToMinor(row['Variant Price'])
  const options = [1, 2, 3]
    .slice(0, optionCount)
    .map((index) => blank(row[`Option${index} Value`]) ?? '')
  // Rows without a price or option value only add images to the product above them.
  if (price === null || (optionCount > 0 && !options[0])) return null
  const grams = Number.parseInt(row['Variant Grams'] ?? '', 10)
  return {
    options,
    sku: blank(row['Variant SKU']),
    grams: Number.isFinite(grams) ? grams : null,
    price,
    compareAtPrice: decimalToMinor(row['Variant Compare At Price']),
    requiresShipping: yes(row['Variant Requires Shipping'], true),
    taxable: yes(row['Variant Taxable'], true),
    barcode: blank(row['Variant Barcode']),
    inventoryPolicy: row['Variant Inventory Policy']?.trim() === 'continue' ? 'continue' : 'deny',
    quantity: Math.max(0, Number.parseInt(row['Variant Inventory Qty'] ?? '', 10) || 0),
    imageSrc: blank(row['Variant Image']),
  }
}

/** Groups the rows of one CSV by Handle; the first row of a handle carries the product fields. */
export function readShopifyCsv(content: string): FixtureProduct[] {
  const rows: Row[] = parse(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true })
  const products = new Map<string, FixtureProduct>()

  for (const row of rows) {
    const handle = blank(row['Handle'])
    if (!handle) continue
    let product = products.get(handle)
    if (!product) {
      const title = blank(row['Title'])
      if (!title) continue
      product = {
        handle,
        title,
        bodyHtml: blank(row['Body (HTML)']),
        vendor: blank(row['Vendor']),
        productType: blank(row['Type']),
        tags: (row['Tags'] ?? '').split(',').map((tag) => tag.trim()).filter(Boolean),
        published: yes(row['Published'], true),
        seoTitle: blank(row['SEO Title']),
        seoDescription: blank(row['SEO Description']),
        optionNames: isDefaultTitle(row)
          ? []
          : [1, 2, 3].map((index) => blank(row[`Option${index} Name`])).filter((name): name is string => !!name),
        variants: [],
        images: [],
      }
      products.set(handle, product)
    }

    const variant = readVariant(row, product.optionNames.length)
    if (variant) product.variants.push(variant)

    const src = blank(row['Image Src'])
    if (src && !product.images.some((image) => image.src === src)) {
      const position = Number.parseInt(row['Image Position'] ?? '', 10)
      product.images.push({
        src,
        position: Number.isFinite(position) ? position : product.images.length + 1,
        alt: blank(row['Image Alt Text']),
      })
    }
  }

  for (const product of products.values()) {
    // A variant image that no row listed as Image Src still belongs to the product.
    for (const variant of product.variants) {
      if (variant.imageSrc && !product.images.some((image) => image.src === variant.imageSrc)) {
        product.images.push({ src: variant.imageSrc, position: product.images.length + 1, alt: null })
      }
    }
    product.images.sort((a, b) => a.position - b.position)
  }
  return [...products.values()].filter((product) => product.variants.length > 0)
}

/** Every *.csv in `dir`, in name order; later duplicates of a handle are dropped. Null when the folder is absent. */
export async function readShopifyFixtures(dir: string): Promise<FixtureProduct[] | null> {
  if (!existsSync(dir)) return null
  const files = (await readdir(dir)).filter((file) => file.endsWith('.csv')).sort()
  const byHandle = new Map<string, FixtureProduct>()
  for (const file of files) {
    for (const product of readShopifyCsv(await readFile(join(dir, file), 'utf8'))) {
      if (!byHandle.has(product.handle)) byHandle.set(product.handle, product)
    }
  }
  return [...byHandle.values()]
}
