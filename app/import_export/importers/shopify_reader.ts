import { plural } from '#services/plural'
import { PRODUCT_STATUSES, type ProductStatus } from '#models/product'
import { refuseOversized, type CsvRecord, type CsvRow } from '#import_export/importers/csv_rows'
import { withoutDigitsGuard } from '#services/csv'
import {
  ImportRowError,
  blank,
  commaList,
  parseBoolean,
  parseInteger,
  parseMoney,
  type ImportedProduct,
  type ImportedVariant,
  type ReadItem,
} from '#import_export/importers/types'

/**
 * Header names of Shopify's three product CSV dialects, by the field they
 * carry: legacy ("Variant SKU"), the 2023 template (adds Status, Cost per
 * item, per-market columns, which we leave out) and the 2024-25 renames
 * ("URL handle", "SKU"). Matched case-insensitively.
 */
const ALIASES = {
  handle: ['handle', 'url handle'],
  title: ['title'],
  body: ['body (html)', 'description'],
  vendor: ['vendor'],
  // "Custom Product Type" is the 2021-22 exports' name (beside "Standardized Product Type", a category we do not keep)
  type: ['type', 'custom product type'],
  tags: ['tags'],
  published: ['published', 'published on online store'],
  status: ['status'],
  option1Name: ['option1 name'],
  option1Value: ['option1 value'],
  option2Name: ['option2 name'],
  option2Value: ['option2 value'],
  option3Name: ['option3 name'],
  option3Value: ['option3 value'],
  sku: ['variant sku', 'sku'],
  grams: ['variant grams', 'weight value (grams)'],
  tracker: ['variant inventory tracker', 'inventory tracker'],
  quantity: ['variant inventory qty', 'inventory quantity'],
  policy: ['variant inventory policy'],
  continueSelling: ['continue selling when out of stock'],
  price: ['variant price', 'price'],
  compareAt: ['variant compare at price', 'compare-at price'],
  cost: ['cost per item'],
  requiresShipping: ['variant requires shipping', 'requires shipping'],
  taxable: ['variant taxable', 'charge tax'],
  barcode: ['variant barcode', 'barcode'],
  imageSrc: ['image src', 'product image url'],
  imagePosition: ['image position'],
  imageAlt: ['image alt text'],
  seoTitle: ['seo title'],
  seoDescription: ['seo description'],
  variantImage: ['variant image', 'variant image url'],
} as const

type Field = keyof typeof ALIASES
type Columns = Partial<Record<Field, string>>

/** True when the headers look like a Shopify product export of any dialect. */
export function isShopifyHeader(headers: string[]) {
  const lower = new Set(headers.map((header) => header.toLowerCase()))
  return ALIASES.handle.some((name) => lower.has(name)) && lower.has('title')
}

/** True when some column carries the variant price: without one no row can import. */
export function hasShopifyPrice(headers: string[]) {
  const lower = new Set(headers.map((header) => header.toLowerCase()))
  return ALIASES.price.some((name) => lower.has(name))
}

/**
 * Headers this importer does not read, in file order: the 2023 template's
 * per-market columns (`Price / International`, `Included / …`), which
 * Stockroom has no market prices for, `Gift Card`, `Google Shopping / …`.
 * The summary lists them so nobody wonders where they went.
 */
export function unreadShopifyColumns(headers: string[]) {
  const read = new Set(Object.values(ALIASES).flat())
  return headers.filter((header) => header && !read.has(header.toLowerCase() as never))
}

/**
 * Shopify columns Stockroom knows and leaves out on purpose, because it has
 * nothing to put them in: `Variant Fulfillment Service` (our own export
 * writes "manual": the store ships every order itself), gift cards, tax
 * codes of Shopify's tax service, the weight unit (grams are read), the
 * product taxonomy and Google Shopping fields. The summary lists them apart
 * from the columns nobody expected.
 */
const KNOWN_UNUSED = new Set([
  'variant fulfillment service',
  'gift card',
  'variant tax code',
  'variant weight unit',
  'product category',
  'standardized product type',
  // the same columns under the 2025 export's headers
  'fulfillment service',
  'tax code',
  'weight unit for display',
])

/** Of the headers this importer does not read, those it knows and leaves out (KNOWN_UNUSED), in file order. */
export function knownUnusedShopifyColumns(headers: string[]) {
  return unreadShopifyColumns(headers).filter((header) => KNOWN_UNUSED.has(header.toLowerCase()) || /^google shopping \//i.test(header))
}

/** Maps each field to the header this file uses for it. */
function columnsFor(headers: string[]): Columns {
  const byLower = new Map(headers.map((header) => [header.toLowerCase(), header]))
  const columns: Columns = {}
  for (const [field, names] of Object.entries(ALIASES) as [Field, readonly string[]][]) {
    const header = names.map((name) => byLower.get(name)).find(Boolean)
    if (header) columns[field] = header
  }
  return columns
}

/**
 * Reads Shopify rows into products. A product's rows are contiguous and
 * share a handle: the first carries the product fields, the others add
 * variants or just images. A bad row keeps its whole product out (reported
 * with that row's line); the other products carry on.
 */
export async function* readShopify(rows: AsyncIterable<CsvRow>, headers: () => string[]): AsyncGenerator<ReadItem> {
  let columns: Columns | null = null
  let group: CsvRow[] = []
  let groupHandle: string | null = null

  for await (const row of rows) {
    columns ??= columnsFor(headers())
    const handle = blank(row.record[columns.handle ?? ''])?.toLowerCase() ?? null
    if (!handle) {
      yield { kind: 'error', line: row.line, handle: null, message: 'Handle is missing' }
      continue
    }
    if (handle !== groupHandle && group.length) {
      yield toItem(group, groupHandle!, columns)
      group = []
    }
    groupHandle = handle
    group.push(row)
  }
  if (group.length && columns) yield toItem(group, groupHandle!, columns)
}

function toItem(group: CsvRow[], handle: string, columns: Columns): ReadItem {
  try {
    return { kind: 'product', product: toProduct(group, handle, columns) }
  } catch (error) {
    if (!(error instanceof ImportRowError)) throw error
    // The report names the failing row's SKU, so a product with many variants points at the right one.
    const row = group.find((candidate) => candidate.line === error.line)
    const sku = row && columns.sku ? blank(row.record[columns.sku]) : null
    return { kind: 'error', line: error.line, handle, sku, message: error.message }
  }
}

function toProduct(group: CsvRow[], handle: string, columns: Columns): ImportedProduct {
  const get = (record: CsvRecord, field: Field) => (columns[field] ? record[columns[field]!] : undefined)
  const [first] = group
  for (const row of group) refuseOversized(row)
  const title = blank(get(first.record, 'title'))
  if (!title) throw new ImportRowError(first.line, 'Title is missing on the first row of the product')

  const defaultTitle = blank(get(first.record, 'option1Value')) === 'Default Title'
  const optionNames = defaultTitle
    ? []
    : (['option1Name', 'option2Name', 'option3Name'] as const)
        .map((field) => blank(get(first.record, field)))
        .filter((name): name is string => name !== null)

  const product: ImportedProduct = {
    line: first.line,
    handle,
    title,
    descriptionHtml: blank(get(first.record, 'body')),
    vendor: blank(get(first.record, 'vendor')),
    productType: blank(get(first.record, 'type')),
    tags: commaList(get(first.record, 'tags')),
    status: statusOf(first, get(first.record, 'status'), get(first.record, 'published')),
    seoTitle: blank(get(first.record, 'seoTitle')),
    seoDescription: blank(get(first.record, 'seoDescription')),
    optionNames,
    variants: [],
    images: [],
  }

  const images: Array<{ src: string; alt: string | null; position: number }> = []
  const seen = new Set<string>()
  for (const row of group) {
    const variant = readVariant(row, (field) => get(row.record, field), optionNames.length)
    if (variant) {
      const key = variant.options.join('\u0000')
      if (seen.has(key)) throw new ImportRowError(row.line, `Duplicate variant "${variant.options.join(' / ') || 'Default Title'}"`)
      seen.add(key)
      product.variants.push(variant)
    }
    const src = blank(get(row.record, 'imageSrc'))
    if (src && !images.some((image) => image.src === src)) {
      const position = parseInteger(get(row.record, 'imagePosition'), row.line, 'Image Position')
      images.push({ src, alt: blank(get(row.record, 'imageAlt')), position: position ?? images.length + 1 })
    }
  }
  if (!product.variants.length) throw new ImportRowError(first.line, 'The product has no variant row (no price)')

  images.sort((a, b) => a.position - b.position)
  for (const variant of product.variants) {
    // A variant image no row listed as a product image still belongs to the product.
    if (variant.imageSrc && !images.some((image) => image.src === variant.imageSrc)) {
      images.push({ src: variant.imageSrc, alt: null, position: images.length + 1 })
    }
  }
  product.images = images.map(({ src, alt }) => ({ src, alt }))
  return product
}

function statusOf(row: CsvRow, status: string | undefined, published: string | undefined): ProductStatus {
  const value = blank(status)?.toLowerCase()
  if (value) {
    if (!PRODUCT_STATUSES.includes(value as ProductStatus)) {
      throw new ImportRowError(row.line, `Status: "${status}" is not draft, active or archived`)
    }
    return value as ProductStatus
  }
  return parseBoolean(published, row.line, 'Published', true) ? 'active' : 'draft'
}

/**
 * Shopify's export writes a SKU or barcode made only of digits with a
 * leading apostrophe (`'0042`, `'7350177880121`), the spreadsheet sign for
 * "text", so Excel keeps leading zeros and does not turn a barcode into
 * 7.35E+12; ours does the same. The apostrophe is not part of the value.
 */
function digitsAsText(value: string | undefined) {
  const text = blank(value)
  return text && withoutDigitsGuard(text)
}

/** A variant row has a price, a SKU or an option value; the rest only add images. */
function readVariant(row: CsvRow, get: (field: Field) => string | undefined, optionCount: number): ImportedVariant | null {
  const line = row.line
  const options = (['option1Value', 'option2Value', 'option3Value'] as const).slice(0, optionCount).map((f) => blank(get(f)) ?? '')
  const sku = digitsAsText(get('sku'))
  const priceText = get('price')
  if (!blank(priceText) && !sku && !options.some(Boolean)) return null

  const price = parseMoney(priceText, line, 'Price')
  if (price === null) throw new ImportRowError(line, 'Price is missing')
  if (optionCount && options.some((value) => !value)) {
    throw new ImportRowError(line, `Each variant needs a value for ${plural(optionCount, 'option')}`)
  }
  const policy = blank(get('policy'))?.toLowerCase()
  if (policy && policy !== 'deny' && policy !== 'continue') {
    throw new ImportRowError(line, `Variant Inventory Policy: "${policy}" is not deny or continue`)
  }
  const continueSelling = parseBoolean(get('continueSelling'), line, 'Continue selling when out of stock', policy === 'continue')
  const quantity = parseInteger(get('quantity'), line, 'Inventory quantity')
  // Shopify's meaning: a blank tracker is "don't track"; files without the column (hand-made ones) are tracked.
  const tracked = get('tracker') === undefined || blank(get('tracker')) !== null

  return {
    line,
    sku,
    options,
    price,
    compareAtPrice: parseMoney(get('compareAt'), line, 'Compare-at price'),
    cost: parseMoney(get('cost'), line, 'Cost per item'),
    weightGrams: parseInteger(get('grams'), line, 'Grams'),
    barcode: digitsAsText(get('barcode')),
    taxable: parseBoolean(get('taxable'), line, 'Taxable', true),
    requiresShipping: parseBoolean(get('requiresShipping'), line, 'Requires shipping', true),
    trackInventory: tracked,
    inventoryPolicy: continueSelling ? 'continue' : 'deny',
    // Shopify exports oversold stock as a negative quantity; nothing is left to sell.
    quantity: quantity === null || !tracked ? null : Math.max(0, quantity),
    imageSrc: blank(get('variantImage')),
  }
}
