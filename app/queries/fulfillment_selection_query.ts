import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { whereShippable } from '#models/order_rules'
import { filteredOrders } from '#queries/admin_orders_query'
import { dbTimestamp } from '#services/db_time'
import { orderFiltersValidator } from '#validators/admin_order'

/**
 * The orders one fulfillment run works on, as stored on its
 * `bulk_operations` row: orders named one by one (ticked in the admin, or
 * frozen by the CLI), or every order matching the admin list's filters
 * (query-string values) up to the order id of the moment the run started.
 */
export type FulfillmentSelection = { orderIds: number[] } | { filters: Record<string, string>; maxId?: number }

/**
 * A query factory over the selected orders (a query builder is thenable,
 * so an async function cannot answer one). Named orders are taken as they
 * are: one that cannot ship is reported with the reason. A filter selects
 * only orders that may ship now (order_rules.whereShippable).
 */
export async function fulfillmentSelectionQuery(selection: FulfillmentSelection) {
  if ('orderIds' in selection) {
    const ids = selection.orderIds
    return () => db.from('orders').whereIn('id', ids)
  }
  // stored filters were valid when staff submitted them; refusing beats widening to "every order"
  const { page: _page, sort: _sort, ...kept } = await orderFiltersValidator.validate(selection.filters)
  const maxId = selection.maxId
  return () => {
    const query = whereShippable(filteredOrders(kept))
    if (maxId !== undefined) query.where('id', '<=', maxId)
    return query
  }
}

/** "All matching" frozen at the highest order id of now, so orders placed while a run works are not swept in. */
export async function freezeSelection(selection: FulfillmentSelection): Promise<FulfillmentSelection> {
  if (!('filters' in selection)) return selection
  const row = await db.from('orders').max('id as max').first()
  return { filters: selection.filters, maxId: Number(row?.max ?? 0) }
}

/** The operator's run: orders that may ship now, placed before `placedBefore`, oldest first, at most `limit`. */
export async function oldestShippableOrderIds(options: { placedBefore?: DateTime<true>; limit?: number }) {
  const query = whereShippable(db.from('orders')).orderBy('placed_at').orderBy('id').select('id')
  if (options.placedBefore) query.where('placed_at', '<=', dbTimestamp(db.connection(), options.placedBefore))
  if (options.limit) query.limit(options.limit)
  return (await query).map((row) => Number(row.id))
}

/** Order ids by number, for a tracking file; numbers with no order are left out. */
export async function orderIdsByNumber(numbers: number[]) {
  if (!numbers.length) return new Map<number, number>()
  const rows = await db.from('orders').whereIn('number', numbers).select('id', 'number')
  return new Map(rows.map((row) => [Number(row.number), Number(row.id)]))
}
