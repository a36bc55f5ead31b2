import { formatMoney, storeCurrency } from '#services/money'
import { statusLabel } from '#services/status_labels'
import { countryWithCode } from '#services/countries'

/**
 * How the audit log's `changes` column reads to a person: "Price: $20.00 →
 * $18.00" instead of `{"price":[2000,1800]}`. Field names become labels,
 * amounts in minor units become money (in the currency recorded beside them,
 * else the store's), a changed object (a variant, an address) lists only the
 * fields that changed, and yes/no, empty and list values read as words.
 */
export interface ReadableChange {
  field: string
  before: string | null
  after: string
  /** true when there is a before and an after to compare */
  diff: boolean
}

/** Keys whose numbers are amounts in minor units. */
const MONEY_KEYS = new Set([
  'price',
  'compareAtPrice',
  'cost',
  'amount',
  'total',
  'subtotal',
  'shippingTotal',
  'taxTotal',
  'discountTotal',
  'refundedTotal',
  'minimumSubtotal',
  'perKgAmount',
  'freeOverAmount',
  'minimumOrderAmount',
])

/** Keys whose values are stored words ("partially_refunded", a role's "catalog_manager"), shown as the badges say them. */
const STATUS_KEYS = new Set(['status', 'paymentStatus', 'fulfillmentStatus', 'payment_status', 'fulfillment_status', 'state', 'role'])

/** Keys whose values are country codes ("DE"), shown by name ("Germany (DE)"). */
const COUNTRY_KEYS = new Set(['countryCode', 'country_code', 'country', 'countries'])

/** Labels that are not simply the key in words. */
const LABELS: Record<string, string> = {
  compareAtPrice: 'Compare-at price',
  sku: 'SKU',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  descriptionHtml: 'Description',
  productType: 'Type',
  on_hand: 'On hand',
  isActive: 'Active',
  roleId: 'Role',
  perKgAmount: 'Per kg',
  freeOverAmount: 'Free over',
  pricesIncludeTax: 'Prices include tax',
  countryCode: 'Country',
  fulfillmentStatus: 'Fulfillment',
  paymentStatus: 'Payment',
}

/** "compareAtPrice" / "on_hand" → "Compare at price" / "On hand". */
export function fieldLabel(key: string): string {
  if (LABELS[key]) return LABELS[key]
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function isPair(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function currencyOf(...sources: unknown[]): string {
  for (const source of sources) {
    if (isRecord(source) && typeof source.currency === 'string') return source.currency
  }
  return storeCurrency
}

// Product snapshots written before variants were recorded field by field: "Default | sku TEE-1 | 2000 USD".
const LEGACY_VARIANT_PRICE = /\| (\d+) ([A-Z]{3})\b/

function valueText(key: string, value: unknown, currency: string): string {
  if (value === null || value === undefined || value === '') return '—'
  if (MONEY_KEYS.has(key) && typeof value === 'number') return formatMoney(value, currency)
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (STATUS_KEYS.has(key) && typeof value === 'string') return statusLabel(value)
  if (COUNTRY_KEYS.has(key) && typeof value === 'string') return countryWithCode(value)
  if (typeof value === 'string') {
    return value.replace(LEGACY_VARIANT_PRICE, (_, minor, code) => `| ${formatMoney(Number(minor), code)}`)
  }
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    if (!value.length) return '—'
    if (value.every((item) => !isRecord(item))) return value.map((item) => valueText(key, item, currency)).join(', ')
  }
  if (isRecord(value)) {
    const here = currencyOf(value, { currency })
    return Object.entries(value)
      .filter(([field, inner]) => field !== 'currency' && inner !== null && inner !== undefined && inner !== '')
      .map(([field, inner]) => `${fieldLabel(field)}: ${valueText(field, inner, here)}`)
      .join(', ')
  }
  return JSON.stringify(value)
}

/** The fields of two objects that differ, each as its own line under the parent's label. */
function objectDiff(label: string, before: Record<string, unknown>, after: Record<string, unknown>, currency: string): ReadableChange[] {
  const here = currencyOf(after, before, { currency })
  const lines: ReadableChange[] = []
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null
    const to = after[key] ?? null
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    const field = `${label} · ${fieldLabel(key)}`
    if (isRecord(from) && isRecord(to)) lines.push(...objectDiff(field, from, to, here))
    else if (from === null) lines.push({ field, before: null, after: valueText(key, to, here), diff: false })
    else lines.push({ field, before: valueText(key, from, here), after: to === null ? 'removed' : valueText(key, to, here), diff: to !== null })
  }
  return lines
}

/**
 * The changes column as lines a person can read. `{ field: [before, after] }`
 * is a change; any other value is a fact recorded with the action.
 */
export function readableChanges(changes: Record<string, unknown> | null): ReadableChange[] {
  if (!changes) return []
  const currency = currencyOf(changes)
  const lines: ReadableChange[] = []
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'currency' && !isPair(value)) continue
    const label = fieldLabel(key)
    if (!isPair(value)) {
      lines.push({ field: label, before: null, after: valueText(key, value, currency), diff: false })
      continue
    }
    const [before, after] = value
    const pairCurrency = currencyOf(after, before, changes)
    if (isRecord(before) && isRecord(after)) lines.push(...objectDiff(label, before, after, pairCurrency))
    else if (before === null || before === undefined) lines.push({ field: label, before: null, after: valueText(key, after, pairCurrency), diff: false })
    else lines.push({ field: label, before: valueText(key, before, pairCurrency), after: valueText(key, after, pairCurrency), diff: true })
  }
  return lines
}
