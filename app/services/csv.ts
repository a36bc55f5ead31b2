import { stringify, type Options as StringifyOptions } from 'csv-stringify'

/**
 * Spreadsheet apps run a cell that starts with `=`, `+`, `-` or `@` (or a
 * tab or carriage return before one) as a formula, so a product titled
 * `=HYPERLINK(…)` or a customer named `@SUM(…)` would execute when staff
 * open an export. Text cells that start so get a leading apostrophe, the
 * spreadsheet sign for "text", as Shopify's and WooCommerce's exports do.
 * A cell that already starts with apostrophes before such a character gets
 * one more, so taking one off on import gives back exactly what was there.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/

/** A negative decimal ("-2", "-12.50") is a number to a spreadsheet, not a formula: it stays raw so it adds up. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/

/** A text cell made safe to open in a spreadsheet (numbers and plain text unchanged). */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value
}

/** The opposite of `spreadsheetText`, for importers: only that guard comes off, so `O'Keefe` and `'tis` stay as they are. */
export function withoutSpreadsheetGuard(value: string): string {
  // Every cell of every import passes here: most do not start with an apostrophe, so that is checked first.
  return value.charCodeAt(0) === 39 && /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/**
 * Digits-only codes (SKUs, barcodes) as Shopify writes them, `'0042`, so a
 * spreadsheet keeps the leading zeros and does not show 7.35E+12.
 */
export function digitsAsText(value: string): string {
  return /^'*\d+$/.test(value) ? `'${value}` : value
}

/** The opposite of `digitsAsText`. */
export function withoutDigitsGuard(value: string): string {
  return /^'+\d+$/.test(value) ? value.slice(1) : value
}

/** One CSV field, guarded and quoted when needed (for writers that build lines by hand). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'string' ? spreadsheetText(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line of fields, without its line break. */
export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',')
}

/**
 * csv-stringify with every string cell guarded: the one way the app opens a
 * streamed CSV (CLI exports, admin downloads). Numbers stay numbers.
 */
export function csvStringifier(options: StringifyOptions = {}) {
  return stringify({ ...options, cast: { ...options.cast, string: (value) => spreadsheetText(value) } })
}
