import { DateTime } from 'luxon'
import { formatStoreDateTime, startOfStoreDay } from '#services/store_time'
import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import runtime from '#config/runtime'
import { dbTimestamp } from '#services/db_time'
import { toMinorUnits } from '#services/money'
import type { OrderFilters } from '#validators/admin_order'

export const ORDERS_PER_PAGE = 50
/**
 * Counting every match of a broad filter at 200k orders costs more than
 * the page itself (10k index entries took 10–25 ms on the bench): the
 * pager counts exactly up to this many, then says "more than", with the
 * planner's estimate on PostgreSQL (one EXPLAIN, under a millisecond).
 */
export const ORDERS_COUNT_CAP = 1_000

export interface AdminOrderRow {
  id: number
  number: number
  email: string
  customerName: string
  status: string
  paymentStatus: string
  fulfillmentStatus: string
  total: number
  currency: string
  placedAt: string
  tags: string[]
}

/**
 * Admin › Orders. One page query on `orders` alone, filtered on indexed
 * columns and ordered by an indexed key with `id` as tie-breaker (newest
 * first = highest id, served by the (status, id)-style indexes of
 * migration 0045), 50 rows; the total is a separate count without order.
 * The customer's name comes from the shipping address snapshot on the row.
 */
export async function listAdminOrders(filters: OrderFilters, baseUrl: string) {
  const page = filters.page ?? 1
  const filtered = () => applyFilters(db.from('orders'), filters)

  const countQuery = db.from(filtered().select(db.raw('1 as hit')).limit(ORDERS_COUNT_CAP + 1).as('matches')).count('* as total')

  const query = filtered().select(
    'id',
    'number',
    'email',
    'status',
    'payment_status',
    'fulfillment_status',
    'total',
    'currency',
    'placed_at',
    'created_at',
    'shipping_address'
  )
  const sort = filters.sort ?? '-placed'
  const direction = sort.startsWith('-') ? 'desc' : 'asc'
  const key = sort.replace('-', '')
  // ids grow with placement time and order numbers, so both sort by id (the primary key index)
  if (key === 'total') query.orderBy('total', direction)
  query.orderBy('id', direction)

  // the count and the page are independent: on PostgreSQL they run side by side on two connections
  const [[countRow], rows] = await Promise.all([countQuery, query.offset((page - 1) * ORDERS_PER_PAGE).limit(ORDERS_PER_PAGE)])
  const counted = Number(countRow?.total ?? 0)
  const total = Math.min(counted, ORDERS_COUNT_CAP)
  const [estimate, tags] = await Promise.all([
    counted > ORDERS_COUNT_CAP ? estimatedRows(filtered().select(db.raw('1'))) : null,
    tagsOf(rows.map((row) => Number(row.id))),
  ])
  const items: AdminOrderRow[] = rows.map((row) => ({
    id: Number(row.id),
    number: Number(row.number),
    email: row.email,
    customerName: addressName(row.shipping_address),
    status: row.status,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    total: Number(row.total),
    currency: row.currency,
    placedAt: displayTime(row.placed_at ?? row.created_at),
    tags: tags.get(Number(row.id)) ?? [],
  }))

  const paginator = new SimplePaginator(total, ORDERS_PER_PAGE, page, ...items)
  const { page: _page, ...kept } = filters
  paginator.baseUrl(baseUrl).queryString(queryValues(kept))
  return Object.assign(paginator, { moreThanCap: counted > ORDERS_COUNT_CAP, estimate })
}

/** The planner's row estimate for a query (PostgreSQL), rounded; null elsewhere. */
async function estimatedRows(query: DatabaseQueryBuilderContract): Promise<number | null> {
  if (runtime.database !== 'pg') return null
  const { sql, bindings } = query.toSQL()
  const result = await db.rawQuery(`explain (format json) ${sql}`, bindings as never)
  const rows = Number(result.rows?.[0]?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0)
  if (!rows || rows <= ORDERS_COUNT_CAP) return null
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(rows)) - 1)
  return Math.round(rows / magnitude) * magnitude
}

/** Staff tags of the listed orders, in one query. */
async function tagsOf(orderIds: number[]) {
  const byOrder = new Map<number, string[]>()
  if (!orderIds.length) return byOrder
  const rows = await db.from('order_tags').whereIn('order_id', orderIds).orderBy('tag').select('order_id', 'tag')
  for (const row of rows) byOrder.set(Number(row.order_id), [...(byOrder.get(Number(row.order_id)) ?? []), row.tag])
  return byOrder
}

/** Filters as query-string values (dates back to YYYY-MM-DD) for pager links and the form. */
export function queryValues(filters: Omit<OrderFilters, 'page'>) {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue
    values[key] = value instanceof Date ? DateTime.fromJSDate(value).toISODate()! : String(value)
  }
  return values
}

/** Orders matching the list's filters (no order, no columns): the list and "all matching" bulk actions share it. */
export function filteredOrders(filters: Omit<OrderFilters, 'page' | 'sort'>, client = db.connection()) {
  return applyFilters(client.from('orders'), filters)
}

function applyFilters(query: DatabaseQueryBuilderContract, filters: Omit<OrderFilters, 'page' | 'sort'>) {
  if (filters.status) query.where('status', filters.status)
  if (filters.payment) query.where('payment_status', filters.payment)
  if (filters.fulfillment) query.where('fulfillment_status', filters.fulfillment)
  // placed_at is null only for orders still being written; created_at is set on every row and indexed
  // days in the store's time zone, as the list shows times
  if (filters.from) query.where('created_at', '>=', dbTimestamp(undefined, startOfStoreDay(filters.from)))
  if (filters.to) query.where('created_at', '<', dbTimestamp(undefined, startOfStoreDay(filters.to).plus({ days: 1 })))
  if (filters.customer) query.where('customer_id', filters.customer)
  if (filters.total_min !== undefined) query.where('total', '>=', toMinorUnits(filters.total_min))
  if (filters.total_max !== undefined) query.where('total', '<=', toMinorUnits(filters.total_max))
  if (filters.discount) query.where('discount_code', filters.discount)
  if (filters.tag) query.whereIn('id', db.from('order_tags').where('tag', filters.tag).select('order_id'))
  if (filters.q) applySearch(query, filters.q)
  return query
}

/**
 * "1042" or "#1042" finds that order number; text with "@" is an email
 * prefix (indexed on PostgreSQL by lower(email) text_pattern_ops); other
 * text is an email prefix or words found in the shipping-address snapshot,
 * which every order carries (guests included) with the buyer's name
 * (trigram-indexed on PostgreSQL; both branches are indexable, so the OR
 * stays an index lookup).
 */
function applySearch(query: DatabaseQueryBuilderContract, raw: string) {
  const number = /^#?(\d{1,10})$/.exec(raw)
  if (number) {
    query.where('number', Number(number[1]))
    return
  }
  const term = raw.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)
  if (term.includes('@')) {
    query.whereRaw(`lower(email) like ? escape '\\'`, [`${term}%`])
    return
  }
  const textOf = runtime.database === 'pg' ? 'lower(cast(shipping_address as text))' : 'lower(shipping_address)'
  const words = term.split(/\s+/).filter(Boolean)
  query.where((search) => {
    search
      .whereRaw(`lower(email) like ? escape '\\'`, [`${term}%`])
      .orWhere((snapshot) => {
        for (const word of words) snapshot.whereRaw(`${textOf} like ? escape '\\'`, [`%${word}%`])
      })
  })
}

/** "Grace Hopper" from an address snapshot (JSON text on SQLite, an object on PostgreSQL). */
export function addressName(value: unknown): string {
  const address = typeof value === 'string' ? safeJson(value) : (value as Record<string, unknown> | null)
  if (!address) return ''
  return [address.firstName, address.lastName].filter(Boolean).join(' ')
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** A timestamp as the driver answered it (a Date, or text), in the store's time zone: "25 Nov 2026, 09:03 EST". */
export function displayTime(value: unknown): string {
  if (!value) return ''
  return formatStoreDateTime(value instanceof Date ? value : String(value))
}
