import string from '@adonisjs/core/helpers/string'
import { majorUnitsText, storeCurrency, toMinorUnits } from '#services/money'

/**
 * Pure helpers behind the product editor: handles, comma lists, money
 * typed in major units, and the option × value matrix of variants.
 */

/** A URL handle from a title: "Linen Shirt (Blue)" -> "linen-shirt-blue". */
export function handleFrom(title: string): string {
  return string.slug(title, { lower: true, strict: true, trim: true }).slice(0, 255) || 'product'
}

/** "a, b,,B , c" -> ["a", "b", "c"]: trimmed, blanks dropped, case-insensitively unique. */
export function commaList(value: string | null | undefined): string[] {
  const seen = new Map<string, string>()
  for (const raw of (value ?? '').split(',')) {
    const item = raw.trim()
    if (item && !seen.has(item.toLowerCase())) seen.set(item.toLowerCase(), item)
  }
  return [...seen.values()]
}

/** 19.99 (major units) -> 1999 (minor units of `currency`); undefined stays undefined. */
export function toMinor(major: number | undefined | null, currency = storeCurrency): number | undefined {
  if (major === undefined || major === null) return undefined
  return toMinorUnits(major, currency)
}

/** 1999 -> "19.99", for form fields. */
export function toMajor(minor: number | null | undefined, currency = storeCurrency): string {
  if (minor === null || minor === undefined) return ''
  return majorUnitsText(minor, currency)
}

export interface ProductOptionSpec {
  name: string
  values: string[]
}

/** Options with a name and at least one value, in form order. */
export function parseOptions(rows: Array<{ name?: string; values?: string }> | undefined): ProductOptionSpec[] {
  return (rows ?? [])
    .map((row) => ({ name: (row.name ?? '').trim(), values: commaList(row.values) }))
    .filter((option) => option.name && option.values.length)
}

export type OptionTuple = [string | null, string | null, string | null]

/**
 * Every combination of option values, first option varying slowest
 * (S/Red, S/Blue, M/Red …). No options means the single default variant.
 */
export function combinations(options: ProductOptionSpec[]): OptionTuple[] {
  let rows: Array<Array<string>> = [[]]
  for (const option of options) {
    rows = rows.flatMap((row) => option.values.map((value) => [...row, value]))
  }
  return rows.map((row) => [row[0] ?? null, row[1] ?? null, row[2] ?? null])
}

/** Stable key of a variant's option values, for matching old rows to new combinations. */
export function optionKey(values: Array<string | null | undefined>): string {
  return JSON.stringify([0, 1, 2].map((index) => (values[index] ?? '').trim().toLowerCase()))
}

/** "S / Red", or "Default" for a product without options. */
export function variantTitle(values: OptionTuple): string {
  const parts = values.filter((value): value is string => Boolean(value))
  return parts.length ? parts.join(' / ') : 'Default'
}
