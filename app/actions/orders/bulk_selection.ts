import db from '@adonisjs/lucid/services/db'
import { filteredOrders } from '#queries/admin_orders_query'
import { orderFiltersValidator } from '#validators/admin_order'

/** Orders staff ticked on the list, or every order matching the list's filters (as query-string values). */
export type BulkSelection = { orderIds: number[] } | { filters: Record<string, string>; maxId?: number }

/**
 * The orders a bulk fulfillment works on. Ticked orders are taken as they
 * are (one that cannot ship is reported with the reason); a filter selects
 * only orders that can ship now (open, paid, something left), up to the
 * order id frozen when the operation was created. Answers a query factory
 * (a query builder itself is thenable, so an async function cannot answer one).
 */
export async function bulkSelectionQuery(selection: BulkSelection) {
  if ('orderIds' in selection) {
    const ids = selection.orderIds
    return () => db.from('orders').whereIn('id', ids)
  }
  // stored filters were valid when staff submitted them; refusing beats widening to "every order"
  const { page: _page, sort: _sort, ...kept } = await orderFiltersValidator.validate(selection.filters)
  const maxId = selection.maxId
  return () => selectShippable(kept, maxId)
}

function selectShippable(kept: Parameters<typeof filteredOrders>[0], maxId: number | undefined) {
  const query = filteredOrders(kept)
    .where('status', 'open')
    .whereIn('payment_status', ['paid', 'partially_refunded'])
    .whereIn('fulfillment_status', ['unfulfilled', 'partially_fulfilled'])
  if (maxId !== undefined) query.where('id', '<=', maxId)
  return query
}
