import { refuseOversized, type CsvRecord, type CsvRow } from '#import_export/importers/csv_rows'
import {
  ImportRowError,
  blank,
  commaList,
  parseBoolean,
  parseInteger,
  parseMoney,
  parseNumber,
  slugify,
  type ImportedProduct,
  type ImportedVariant,
  type ReadItem,
} from '#import_export/importers/types'

/** True when the headers look like WooCommerce's product CSV exporter. */
export function isWooCommerceHeader(headers: string[]) {
  const set = new Set(headers)
  return set.has('Type') && set.has('SKU') && set.has('Name') && set.has('Regular price')
}

/** What WooCommerce writes in its Type column: slugs, the same in every admin language. */
const PRODUCT_TYPES = new Set(['simple', 'variable', 'variation', 'grouped', 'external', 'virtual', 'downloadable'])

/**
 * WooCommerce names its export's columns in the exporting admin's own
 * language ("ID, Тип, Артикул, …", "ID, Typ, Artikelnummer, …"), always in
 * the same order: the post ID first, then the type, written as an
 * untranslated slug. A file whose first row reads like that is a
 * WooCommerce export whose headers we cannot map by name.
 */
export function looksLikeTranslatedWooCommerce(rows: string[][]) {
  const [headers, first] = rows
  if (!headers || !first || headers.length < 10 || isWooCommerceHeader(headers.map((name) => name.trim()))) return false
  const types = commaList(first[1]).map((type) => type.toLowerCase())
  return /^\d+$/.test((first[0] ?? '').trim()) && types.length > 0 && types.every((type) => PRODUCT_TYPES.has(type))
}

/** Grams per unit WooCommerce may name in its weight header, "Weight (lbs)". */
const GRAMS_PER: Record<string, number> = { kg: 1000, g: 1, lbs: 453.59237, lb: 453.59237, oz: 28.349523125 }

/** The weight column and its unit: "Weight (kg)", "Weight (lbs)"…, or a bare "Weight" in kilograms, WooCommerce's default. */
function weightColumn(headers: string[]): { header: string; gramsPer: number } | null {
  for (const header of headers) {
    const match = /^weight(?:\s*\(\s*([a-z]+)\s*\))?$/i.exec(header)
    if (!match) continue
    const unit = (match[1] ?? 'kg').toLowerCase()
    if (GRAMS_PER[unit]) return { header, gramsPer: GRAMS_PER[unit] }
  }
  return null
}

/** Every column this reader takes something from. */
const READ = new Set(['ID', 'Type', 'SKU', 'Name', 'Published', 'Description', 'Short description', 'Categories', 'Tags', 'Images',
  'Regular price', 'Sale price', 'Stock', 'Backorders allowed?', 'Tax status', 'Parent'])

/**
 * Headers this reader does not import, in file order: dimensions (Stockroom
 * keeps weight only), visibility, dates of sales, download settings,
 * attribute flags, every "Meta: …" column of plugins. Attribute names and
 * values are read; the weight column is read whatever its unit.
 */
export function unreadWooCommerceColumns(headers: string[]) {
  const weight = weightColumn(headers)?.header
  return headers.filter(
    (header) => header && header !== weight && !READ.has(header) && !/^Attribute \d+ (name|value\(s\))$/.test(header)
  )
}

interface PendingParent {
  product: ImportedProduct
  /** the parent's attributes in column order; variations pick from these, the rest become tags */
  attributes: Attribute[]
  /** the parent's own row, the product's one variant if no variation comes */
  row: { line: number; record: CsvRecord; types: string[] }
  /** per variation: attribute name -> value */
  values: Array<Map<string, string>>
  failed?: { line: number; message: string }
}

/**
 * Reads WooCommerce rows. Simple and external products are yielded as they
 * come. A variable product is held until the end of the file, because its
 * variations (Parent = the parent's SKU or `id:N`) may come anywhere after
 * it; so memory grows with the number of variable products, not rows.
 * Grouped products have no Stockroom equivalent: their children import as
 * products of their own and the group is reported as skipped.
 */
export async function* readWooCommerce(rows: AsyncIterable<CsvRow>, headers: () => string[]): AsyncGenerator<ReadItem> {
  const parents = new Map<string, PendingParent>()
  const handles = new Set<string>()
  let weight: ReturnType<typeof weightColumn> | undefined

  for await (const row of rows) {
    const { line } = row
    // WooCommerce's formula guard ('-3 for a negative stock) is already off: CsvRows takes it off for every importer.
    const record = row.record
    weight ??= weightColumn(headers())
    const types = commaList(record['Type']).map((type) => type.toLowerCase())
    const name = blank(record['Name'])
    try {
      refuseOversized(row)
      if (types.includes('variation')) {
        addVariation(parents, line, record, weight)
      } else if (types.includes('grouped')) {
        yield { kind: 'skipped', line, handle: null, sku: blank(record['SKU']), message: `Grouped product "${name}" skipped: its children import on their own` }
      } else if (types.includes('variable')) {
        const pending: PendingParent = { product: productFields(line, record, handles), attributes: attributes(record), row: { line, record, types }, values: [] }
        const id = blank(record['ID'])
        const sku = blank(record['SKU'])
        if (id) parents.set(`id:${id}`, pending)
        if (sku) parents.set(sku, pending)
      } else if (types.includes('simple') || types.includes('external')) {
        const product = productFields(line, record, handles)
        product.tags.push(...attributeTags(attributes(record)))
        product.variants.push(variant(line, record, types, [], product, weight))
        const warning = draftWithoutPrice(product)
        if (warning) yield warning
        yield { kind: 'product', product }
      } else {
        yield { kind: 'error', line, handle: null, sku: blank(record['SKU']), message: `Type: "${record['Type']}" is not a product type` }
      }
    } catch (error) {
      if (!(error instanceof ImportRowError)) throw error
      yield { kind: 'error', line: error.line, handle: null, sku: blank(record['SKU']), message: error.message }
    }
  }

  for (const pending of new Set(parents.values())) {
    if (!pending.failed && !pending.product.variants.length) {
      yield* withoutVariations(pending, weight ?? null)
      continue
    }
    const item = finishVariable(pending)
    const warning = item.kind === 'product' && draftWithoutPrice(item.product)
    if (warning) yield warning
    yield item
  }
}

/**
 * The exporter writes a description's line breaks as the two characters
 * `\n` (and a typed `\n` as `\\n`), so each product stays on one line; the
 * breaks are restored as WooCommerce's importer does.
 */
function description(text: string | undefined) {
  const value = blank(text)
  return value && value.split('\\\\n').map((part) => part.replaceAll('\\n', '\n')).join('\\n')
}

/**
 * WooCommerce lets a product or variation have no price (it shows no
 * "Add to cart"). Stockroom needs one: such a product is imported as a
 * draft, its price-less variants at 0, so nothing is lost and nothing sells
 * for free until someone sets a price.
 */
function draftWithoutPrice(product: ImportedProduct): ReadItem | null {
  const unpriced = product.variants.filter((variant) => unpricedVariants.has(variant))
  if (!unpriced.length) return null
  product.status = 'draft'
  const lines = unpriced.map((variant) => variant.line).join(', ')
  return { kind: 'warning', line: product.line, handle: product.handle, message: `No price on line ${lines}: imported as a draft at 0.00` }
}

const unpricedVariants = new WeakSet<ImportedVariant>()

function addVariation(parents: Map<string, PendingParent>, line: number, record: CsvRecord, weight: ReturnType<typeof weightColumn>) {
  const parentKey = blank(record['Parent'])
  const parent = parentKey ? parents.get(parentKey) : undefined
  if (!parent) throw new ImportRowError(line, `Parent "${parentKey ?? ''}" is not a variable product earlier in the file`)
  if (parent.failed) return
  try {
    const values = new Map<string, string>()
    for (let index = 1; record[`Attribute ${index} name`] !== undefined; index++) {
      const name = blank(record[`Attribute ${index} name`])
      const value = blank(record[`Attribute ${index} value(s)`])
      if (name && value) values.set(name, value)
    }
    const types = commaList(record['Type']).map((type) => type.toLowerCase())
    parent.product.variants.push(variant(line, record, types, [], parent.product, weight))
    parent.values.push(values)
  } catch (error) {
    if (!(error instanceof ImportRowError)) throw error
    parent.failed = { line: error.line, message: error.message }
  }
}

function finishVariable(pending: PendingParent): ReadItem {
  const { product } = pending
  const failure = (line: number, message: string): ReadItem => ({ kind: 'error', line, handle: product.handle, message })
  if (pending.failed) return failure(pending.failed.line, pending.failed.message)
  // Options are the parent's attributes that some variation sets, in the parent's order; the others describe the product.
  const names = pending.attributes.map((attribute) => attribute.name)
  const used = names.filter((name) => pending.values.some((values) => values.has(name)))
  product.tags.push(...attributeTags(pending.attributes.filter((attribute) => !used.includes(attribute.name))))
  for (const values of pending.values) for (const name of values.keys()) if (!used.includes(name)) used.push(name)
  if (used.length > 3) return failure(product.line, `Too many variation attributes (${used.length}); at most 3`)
  product.optionNames = used

  const seen = new Set<string>()
  for (const [index, variation] of product.variants.entries()) {
    variation.options = used.map((name) => pending.values[index].get(name) ?? '')
    if (variation.options.some((value) => !value)) {
      return failure(variation.line, `The variation needs a value for each of ${used.join(', ')}`)
    }
    const key = variation.options.join('\u0000')
    if (seen.has(key)) return failure(variation.line, `Duplicate variation "${variation.options.join(' / ')}"`)
    seen.add(key)
  }
  return { kind: 'product', product }
}

/**
 * WooCommerce allows a variable product with no variations yet (it shows
 * as "out of stock"). Nothing is lost: it imports as a draft with one
 * variant made from its own row (SKU, price, stock), with a warning, for
 * someone to add the variations or publish it as it is.
 */
function* withoutVariations(pending: PendingParent, weight: ReturnType<typeof weightColumn>): Generator<ReadItem> {
  const { product, row } = pending
  try {
    product.variants.push(variant(row.line, row.record, row.types, [], product, weight))
  } catch (error) {
    if (!(error instanceof ImportRowError)) throw error
    yield { kind: 'error', line: error.line, handle: product.handle, sku: blank(row.record['SKU']), message: error.message }
    return
  }
  product.tags.push(...attributeTags(pending.attributes))
  product.status = 'draft'
  yield {
    kind: 'warning',
    line: product.line,
    handle: product.handle,
    message: 'The variable product has no variations: imported as a draft with one variant from its own row',
  }
  const unpriced = draftWithoutPrice(product)
  if (unpriced) yield unpriced
  yield { kind: 'product', product }
}

type Attribute = { name: string; values: string[] }

/** The row's attributes (`Attribute N name`, `Attribute N value(s)`), those with a name. */
function attributes(record: CsvRecord): Attribute[] {
  const result: Attribute[] = []
  for (let index = 1; record[`Attribute ${index} name`] !== undefined; index++) {
    const name = blank(record[`Attribute ${index} name`])
    if (name) result.push({ name, values: commaList(record[`Attribute ${index} value(s)`]) })
  }
  return result
}

/**
 * Attributes that are not variation options (a wine's Winery and Region,
 * a hoodie's Material) describe the product; Stockroom keeps each value as
 * a tag "Name: value", which shoppers can filter by and which exports and
 * imports back as it is.
 */
function attributeTags(list: Attribute[]): string[] {
  return list.flatMap(({ name, values }) => values.map((value) => `${name}: ${value}`))
}

/** The product-level fields; the handle comes from the name, made unique within the file. */
function productFields(line: number, record: CsvRecord, handles: Set<string>): ImportedProduct {
  const title = blank(record['Name'])
  if (!title) throw new ImportRowError(line, 'Name is missing')
  let handle = slugify(title) || `product-${blank(record['ID']) ?? line}`
  if (handles.has(handle)) handle = `${handle}-${slugify(blank(record['SKU']) ?? blank(record['ID']) ?? String(line))}`
  handles.add(handle)

  const categories = commaList(record['Categories'])
  const published = blank(record['Published'])
  return {
    line,
    handle,
    title,
    descriptionHtml: description(record['Description']) ?? description(record['Short description']),
    vendor: null,
    // "Clothing > Hoodies": the most specific level of the first category.
    productType: categories.length ? categories[0].split('>').pop()!.trim() || null : null,
    tags: commaList(record['Tags']),
    status: published === '1' ? 'active' : 'draft',
    seoTitle: null,
    seoDescription: null,
    optionNames: [],
    variants: [],
    images: commaList(record['Images']).map((src) => ({ src, alt: null })),
  }
}

/** A sellable row: a simple or external product, or one variation of a variable product. */
function variant(
  line: number,
  record: CsvRecord,
  types: string[],
  options: string[],
  product: ImportedProduct,
  weight: ReturnType<typeof weightColumn>
): ImportedVariant {
  const regular = parseMoney(record['Regular price'], line, 'Regular price')
  const sale = parseMoney(record['Sale price'], line, 'Sale price')
  const stock = parseInteger(record['Stock'], line, 'Stock')
  const weightValue = weight ? parseNumber(record[weight.header], line, weight.header) : null
  const backorders = blank(record['Backorders allowed?'])?.toLowerCase()
  // "notify" allows backorders and tells the shopper.
  const backordersAllowed = backorders === 'notify' || parseBoolean(backorders, line, 'Backorders allowed?', false)
  const imageSrc = commaList(record['Images'])[0] ?? null
  if (imageSrc && types.includes('variation') && !product.images.some((image) => image.src === imageSrc)) {
    product.images.push({ src: imageSrc, alt: null })
  }
  const physical = !types.includes('virtual') && !types.includes('downloadable') && !types.includes('external')

  const result: ImportedVariant = {
    line,
    sku: blank(record['SKU']),
    options,
    price: sale ?? regular ?? 0,
    compareAtPrice: sale !== null && regular !== null && regular > sale ? regular : null,
    cost: null,
    weightGrams: weightValue === null || !weight ? null : Math.round(weightValue * weight.gramsPer),
    barcode: null,
    taxable: blank(record['Tax status'])?.toLowerCase() !== 'none',
    requiresShipping: physical,
    // A blank Stock means WooCommerce does not manage stock for the product.
    trackInventory: stock !== null && !types.includes('external'),
    inventoryPolicy: backordersAllowed ? 'continue' : 'deny',
    quantity: stock === null ? null : Math.max(0, stock),
    imageSrc: types.includes('variation') ? imageSrc : null,
  }
  if (regular === null && sale === null) unpricedVariants.add(result)
  return result
}
