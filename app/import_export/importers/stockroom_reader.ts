import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { PRODUCT_STATUSES, type ProductStatus } from '#models/product'
import { ImportRowError, type ImportedProduct, type ImportedVariant, type ReadItem } from '#import_export/importers/types'
import { plural } from '#services/plural'

/** A JSON line of the file with its 1-based line number. */
interface JsonLine {
  line: number
  text: string
}

/** Streams a JSON Lines file line by line, keeping the counters progress reporting samples. */
export class JsonLines implements AsyncIterable<JsonLine> {
  rows = 0
  bytes = 0
  totalBytes = 0

  constructor(readonly path: string) {}

  async *[Symbol.asyncIterator](): AsyncIterator<JsonLine> {
    this.totalBytes = (await stat(this.path)).size
    let line = 0
    for await (const text of createInterface({ input: createReadStream(this.path), crlfDelay: Infinity })) {
      line += 1
      this.bytes += Buffer.byteLength(text) + 1
      if (!text.trim()) continue
      this.rows += 1
      yield { line, text }
    }
  }
}

/** True when the file starts like JSON Lines (its first character is `{`), as `export products --format jsonl` writes. */
export async function isStockroomFile(path: string) {
  const file = await open(path)
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(256), 0, 256, 0)
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{')
  } finally {
    await file.close()
  }
}

/**
 * Reads Stockroom's own product export (`stockroom export products --format
 * jsonl`): one product per line with its variants (each with its sellable
 * `available` stock), options, tags and images. Keys are read in camelCase
 * or snake_case. Images without a source URL (files uploaded to this store)
 * are left out: they are already here, and another store cannot fetch them
 * by key. A line that is not a valid product is reported with its number.
 */
export async function* readStockroom(lines: AsyncIterable<JsonLine>): AsyncGenerator<ReadItem> {
  for await (const { line, text } of lines) {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      yield { kind: 'error', line, handle: null, message: 'Not a JSON object' }
      continue
    }
    const handle = typeof (json as any)?.handle === 'string' ? (json as any).handle : null
    try {
      yield { kind: 'product', product: toProduct(json, line) }
    } catch (error) {
      if (!(error instanceof ImportRowError)) throw error
      yield { kind: 'error', line, handle, message: error.message }
    }
  }
}

type Json = Record<string, unknown>

/** The value under `name` in camelCase or snake_case. */
function field(object: Json, name: string): unknown {
  if (name in object) return object[name]
  return object[name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)]
}

function text(object: Json, name: string, line: number, required = false): string | null {
  const value = field(object, name)
  if (value === null || value === undefined || value === '') {
    if (required) throw new ImportRowError(line, `${name} is missing`)
    return null
  }
  if (typeof value !== 'string') throw new ImportRowError(line, `${name} is not a string`)
  return value
}

function integer(object: Json, name: string, line: number, { required = false, min = 0 } = {}): number | null {
  const value = field(object, name)
  if (value === null || value === undefined) {
    if (required) throw new ImportRowError(line, `${name} is missing`)
    return null
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new ImportRowError(line, `${name}: ${JSON.stringify(value)} is not a whole number of at least ${min}`)
  return value
}

function flag(object: Json, name: string, line: number, fallback: boolean): boolean {
  const value = field(object, name)
  if (value === null || value === undefined) return fallback
  // SQLite serializes booleans as 0 and 1.
  if (value === true || value === 1) return true
  if (value === false || value === 0) return false
  throw new ImportRowError(line, `${name}: ${JSON.stringify(value)} is not true or false`)
}

function list(object: Json, name: string, line: number): Json[] {
  const value = field(object, name) ?? []
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) {
    throw new ImportRowError(line, `${name} is not a list of objects`)
  }
  return [...(value as Json[])].sort((a, b) => Number(field(a, 'position') ?? 0) - Number(field(b, 'position') ?? 0))
}

function toProduct(json: unknown, line: number): ImportedProduct {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ImportRowError(line, 'Not a JSON object')
  const product = json as Json
  const handle = text(product, 'handle', line, true)!.trim().toLowerCase()
  const status = text(product, 'status', line) ?? 'draft'
  if (!PRODUCT_STATUSES.includes(status as ProductStatus)) throw new ImportRowError(line, `status: "${status}" is not draft, active or archived`)
  const optionNames = list(product, 'options', line).map((option) => text(option, 'name', line, true)!)
  if (optionNames.length > 3) throw new ImportRowError(line, 'A product has at most three options')

  const images = list(product, 'images', line)
  const sourceOf = new Map(images.map((image) => [field(image, 'id'), text(image, 'sourceUrl', line)]))
  const variants = list(product, 'variants', line).map((variant) => toVariant(variant, line, optionNames.length, sourceOf))
  if (!variants.length) throw new ImportRowError(line, 'The product has no variant')
  const seen = new Set<string>()
  for (const variant of variants) {
    const key = variant.options.join('\u0000')
    if (seen.has(key)) throw new ImportRowError(line, `Duplicate variant "${variant.options.join(' / ') || 'Default Title'}"`)
    seen.add(key)
  }
  return {
    line,
    handle,
    title: text(product, 'title', line, true)!,
    descriptionHtml: text(product, 'descriptionHtml', line),
    vendor: text(product, 'vendor', line),
    productType: text(product, 'productType', line),
    tags: list(product, 'tags', line).map((tag) => text(tag, 'tag', line, true)!),
    status: status as ProductStatus,
    seoTitle: text(product, 'seoTitle', line),
    seoDescription: text(product, 'seoDescription', line),
    optionNames,
    variants,
    images: images.flatMap((image) => {
      const src = text(image, 'sourceUrl', line)
      return src ? [{ src, alt: text(image, 'alt', line) }] : []
    }),
  }
}

function toVariant(variant: Json, line: number, optionCount: number, sourceOf: Map<unknown, string | null>): ImportedVariant {
  const options = ['option1', 'option2', 'option3'].slice(0, optionCount).map((name) => text(variant, name, line) ?? '')
  if (options.some((value) => !value)) throw new ImportRowError(line, `Each variant needs a value for ${plural(optionCount, 'option')}`)
  const policy = text(variant, 'inventoryPolicy', line) ?? 'deny'
  if (policy !== 'deny' && policy !== 'continue') throw new ImportRowError(line, `inventoryPolicy: "${policy}" is not deny or continue`)
  const trackInventory = flag(variant, 'trackInventory', line, true)
  const available = integer(variant, 'available', line, { min: -Infinity })
  return {
    line,
    sku: text(variant, 'sku', line),
    options,
    price: integer(variant, 'price', line, { required: true })!,
    compareAtPrice: integer(variant, 'compareAtPrice', line),
    cost: integer(variant, 'cost', line),
    weightGrams: integer(variant, 'weightGrams', line),
    barcode: text(variant, 'barcode', line),
    taxable: flag(variant, 'taxable', line, true),
    requiresShipping: flag(variant, 'requiresShipping', line, true),
    trackInventory,
    inventoryPolicy: policy,
    // `available` is sellable stock, as the CSV's quantity: oversold stock has nothing left to sell.
    quantity: trackInventory && available !== null ? Math.max(0, available) : null,
    imageSrc: sourceOf.get(field(variant, 'imageId')) ?? null,
  }
}
