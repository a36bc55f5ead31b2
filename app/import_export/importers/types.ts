import type { ProductStatus } from '#models/product'
import type { InventoryPolicy } from '#models/variant'
import { toMinorUnits } from '#services/money'

/**
 * The shape every format reader produces and the import writer consumes:
 * one product with all its variants and images, already parsed (money in
 * minor units, weights in grams), tagged with the file line it started on.
 */
export interface ImportedVariant {
  line: number
  sku: string | null
  /** values aligned with the product's option names; empty for a single default variant */
  options: string[]
  price: number
  compareAtPrice: number | null
  cost: number | null
  weightGrams: number | null
  barcode: string | null
  taxable: boolean
  requiresShipping: boolean
  trackInventory: boolean
  inventoryPolicy: InventoryPolicy
  /** sellable quantity to set; null leaves stock alone */
  quantity: number | null
  imageSrc: string | null
}

export interface ImportedImage {
  src: string
  alt: string | null
}

export interface ImportedProduct {
  line: number
  handle: string
  title: string
  descriptionHtml: string | null
  vendor: string | null
  productType: string | null
  tags: string[]
  status: ProductStatus
  seoTitle: string | null
  seoDescription: string | null
  /** up to three option names; empty for a single "Default Title" variant */
  optionNames: string[]
  variants: ImportedVariant[]
  /** in display order */
  images: ImportedImage[]
}

/** What a reader yields: a product, a row problem that keeps one product out, or a warning about a product it changed to keep. */
export type ReadItem =
  | { kind: 'product'; product: ImportedProduct }
  | { kind: 'error' | 'skipped' | 'warning'; line: number; handle: string | null; sku?: string | null; message: string }

/** A row that cannot be imported; the reader reports it and carries on. */
export class ImportRowError extends Error {
  constructor(
    readonly line: number,
    message: string
  ) {
    super(message)
  }
}

export const blank = (value: string | undefined | null) => (value ?? '').trim() || null

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i

/**
 * A decimal as spreadsheets write it: "12.5", "1,299.00" is refused (ambiguous),
 * "1.2E+3" (scientific notation) is accepted. Null for blank.
 */
export function parseNumber(text: string | undefined, line: number, field: string): number | null {
  const value = blank(text)
  if (value === null) return null
  if (!NUMBER.test(value)) throw new ImportRowError(line, `${field}: "${value}" is not a number`)
  return Number(value)
}

/** "42.99" -> 4299 minor units of the store currency; refuses negatives. Null for blank. */
export function parseMoney(text: string | undefined, line: number, field: string): number | null {
  const amount = parseNumber(text, line, field)
  if (amount === null) return null
  if (amount < 0) throw new ImportRowError(line, `${field}: "${text}" is negative`)
  return toMinorUnits(amount)
}

/** A whole number (a quantity, grams); scientific notation accepted. Null for blank. */
export function parseInteger(text: string | undefined, line: number, field: string): number | null {
  const value = parseNumber(text, line, field)
  return value === null ? null : Math.round(value)
}

const TRUE = new Set(['true', 'yes', '1', 'y'])
const FALSE = new Set(['false', 'no', '0', 'n'])

/** TRUE/true/yes/1 and FALSE/false/no/0; `fallback` for blank. */
export function parseBoolean(text: string | undefined, line: number, field: string, fallback: boolean): boolean {
  const value = blank(text)?.toLowerCase()
  if (value === undefined) return fallback
  if (TRUE.has(value)) return true
  if (FALSE.has(value)) return false
  throw new ImportRowError(line, `${field}: "${text}" is not true or false`)
}

/** "Summer Shirt!" -> "summer-shirt" */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 255)
}

/** A comma list ("a, b ,c") without blanks or duplicates. */
export function commaList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(',').map((item) => item.trim()).filter(Boolean))]
}
