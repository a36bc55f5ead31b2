import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { minorDigits, storeCurrency } from '#services/money'

/** Price filters are typed in the store's currency. */
const PRICE_SCALE = 10 ** minorDigits(storeCurrency)

/** A price filter in minor units back in major units, as the shopper typed it. */
export const toMajor = (minor: number | null) => (minor === null ? null : minor / PRICE_SCALE)

export const catalogSorts = ['relevance', 'price-asc', 'price-desc', 'newest', 'best-selling'] as const
export type CatalogSort = (typeof catalogSorts)[number]

const value = vine.string().trim().minLength(1).maxLength(255)
/** Most values a list filter keeps; more are dropped. */
const LIST_LIMIT = 30
const price = vine.number().min(0).max(10_000_000).optional()

/**
 * One validator per query-string field: a shopper's URL is often hand-edited
 * or stale, so a bad field is dropped on its own instead of failing the page.
 */
const fields = {
  q: vine.compile(vine.object({ value: vine.string().trim().maxLength(200).optional() })),
  // list filters: each value is checked on its own (see field())
  type: vine.compile(vine.object({ value })),
  vendor: vine.compile(vine.object({ value })),
  tag: vine.compile(vine.object({ value })),
  // "Size:M": an option name and one of its values
  opt: vine.compile(vine.object({ value: vine.string().trim().regex(/^[^:]{1,255}:.{1,255}$/) })),
  min: vine.compile(vine.object({ value: price })),
  max: vine.compile(vine.object({ value: price })),
  in_stock: vine.compile(vine.object({ value: vine.boolean().optional() })),
  sort: vine.compile(vine.object({ value: vine.enum(catalogSorts).optional() })),
  page: vine.compile(vine.object({ value: vine.number().withoutDecimals().min(1).max(100_000).optional() })),
}

type ListField = 'type' | 'vendor' | 'tag' | 'opt'
type FieldValue<K extends keyof typeof fields> = Infer<(typeof fields)[K]>['value']

/** The storefront listing filters, normalized. Prices are in minor units. */
export interface CatalogFilters {
  q: string
  types: string[]
  vendors: string[]
  tags: string[]
  /** option name → accepted values */
  options: Map<string, string[]>
  minPrice: number | null
  maxPrice: number | null
  inStock: boolean
  sort: CatalogSort | null
  page: number
}

async function validOrUndefined(validator: (typeof fields)[keyof typeof fields], value: unknown) {
  try {
    return (await validator.validate({ value })).value
  } catch {
    return undefined
  }
}

/** One scalar field, or undefined when missing or invalid. */
async function field<K extends Exclude<keyof typeof fields, ListField>>(name: K, raw: unknown) {
  const value = Array.isArray(raw) ? raw[0] : raw
  if (value === undefined || value === null || value === '') return undefined
  return (await validOrUndefined(fields[name], value)) as FieldValue<K> | undefined
}

/** A list field's valid, distinct values (a single value counts as a list of one). */
async function list(name: ListField, raw: unknown): Promise<string[]> {
  const items = (Array.isArray(raw) ? raw : [raw]).filter((item) => typeof item === 'string' && item !== '')
  const valid = await Promise.all(items.slice(0, LIST_LIMIT).map((item) => validOrUndefined(fields[name], item)))
  return [...new Set(valid.filter((item): item is string => typeof item === 'string'))]
}

/**
 * Reads the listing filters from a query string; invalid fields are ignored.
 * Prices come in major units (`min=10`) and become minor units (cents).
 */
export async function parseCatalogFilters(qs: Record<string, unknown>): Promise<CatalogFilters> {
  const options = new Map<string, string[]>()
  for (const pair of await list('opt', qs.opt)) {
    const at = pair.indexOf(':')
    const name = pair.slice(0, at).trim()
    const value = pair.slice(at + 1).trim()
    if (!name || !value) continue
    options.set(name, [...new Set([...(options.get(name) ?? []), value])])
  }
  const toMinor = (major: number | undefined) => (major === undefined ? null : Math.round(major * PRICE_SCALE))
  let minPrice = toMinor(await field('min', qs.min))
  let maxPrice = toMinor(await field('max', qs.max))
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) [minPrice, maxPrice] = [maxPrice, minPrice]

  return {
    q: (await field('q', qs.q)) ?? '',
    types: await list('type', qs.type),
    vendors: await list('vendor', qs.vendor),
    tags: await list('tag', qs.tag),
    options,
    minPrice,
    maxPrice,
    inStock: (await field('in_stock', qs.in_stock)) ?? false,
    sort: (await field('sort', qs.sort)) ?? null,
    page: (await field('page', qs.page)) ?? 1,
  }
}

/** The filters back as query-string values, for pagination and sort links. */
export function filtersToQuery(filters: CatalogFilters): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  if (filters.q) query.q = filters.q
  if (filters.types.length) query.type = filters.types
  if (filters.vendors.length) query.vendor = filters.vendors
  if (filters.tags.length) query.tag = filters.tags
  const opts = [...filters.options].flatMap(([name, list]) => list.map((value) => `${name}:${value}`))
  if (opts.length) query.opt = opts
  if (filters.minPrice !== null) query.min = String(toMajor(filters.minPrice))
  if (filters.maxPrice !== null) query.max = String(toMajor(filters.maxPrice))
  if (filters.inStock) query.in_stock = '1'
  if (filters.sort) query.sort = filters.sort
  return query
}
