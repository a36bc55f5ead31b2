import db from '@adonisjs/lucid/services/db'
import OutboxDelivery from '#models/outbox_delivery'
import OutboxEvent from '#models/outbox_event'
import { deliveryStatuses, type EventDeliveryFilters } from '#validators/event_delivery_filters'

export const DELIVERIES_PER_PAGE = 50

/**
 * Admin › Event deliveries: newest first, filtered by status and event
 * name. The event comes along without its payload (the list never shows
 * it); the paginator keeps the filters in its page links.
 */
export async function listDeliveries(filters: EventDeliveryFilters, baseUrl: string) {
  const query = OutboxDelivery.query()
    .select('outbox_deliveries.*')
    .orderBy('outbox_deliveries.created_at', 'desc')
    .orderBy('outbox_deliveries.id', 'desc')

  if (filters.status) query.where('outbox_deliveries.status', filters.status)
  if (filters.event) {
    query.whereIn('outbox_deliveries.event_id', OutboxEvent.query().select('id').where('name', filters.event))
  }

  const page = await query.paginate(filters.page ?? 1, DELIVERIES_PER_PAGE)
  await attachEvents(page.all(), ['id', 'name', 'occurred_at'])
  const { page: _page, ...kept } = filters
  return page.baseUrl(baseUrl).queryString(kept)
}

/** How many deliveries are in each status, every status present (0 when none). */
export async function countDeliveriesByStatus() {
  const rows = await db.from('outbox_deliveries').select('status').count('* as total').groupBy('status')
  const counts = Object.fromEntries(deliveryStatuses.map((status) => [status, 0])) as Record<
    (typeof deliveryStatuses)[number],
    number
  >
  for (const row of rows) {
    if (row.status in counts) counts[row.status as keyof typeof counts] = Number(row.total)
  }
  return counts
}

/** Events recorded but not yet turned into deliveries: a growing number means no relay runs. */
export async function countUnrelayedEvents() {
  const [row] = await db.from('outbox_events').whereNull('relayed_at').count('* as total')
  return Number(row?.total ?? 0)
}

/** Event names that have deliveries, for the filter menu. */
export async function deliveredEventNames(): Promise<string[]> {
  const rows = await db
    .from('outbox_events')
    .distinct('name')
    .whereIn('id', db.from('outbox_deliveries').select('event_id'))
    .orderBy('name')
  return rows.map((row) => row.name as string)
}

/** One delivery with its whole event (payload included) for the detail page. */
export async function findDelivery(id: number) {
  const delivery = await OutboxDelivery.findOrFail(id)
  await attachEvents([delivery])
  return delivery
}

/**
 * Sets each delivery's `event`. Not `preload`: PostgreSQL returns bigint ids
 * as strings while `eventId` is consumed as a number, so Lucid's strict
 * matching would leave every event unset; ids are compared as strings here.
 */
export async function attachEvents(deliveries: OutboxDelivery[], columns: string[] = ['*']) {
  if (deliveries.length === 0) return
  const ids = [...new Set(deliveries.map((delivery) => delivery.eventId))]
  const events = await OutboxEvent.query().select(columns).whereIn('id', ids)
  const byId = new Map(events.map((event) => [String(event.id), event]))
  for (const delivery of deliveries) {
    const event = byId.get(String(delivery.eventId))
    if (event) delivery.$setRelated('event', event)
  }
}

/** The first line of an error (its message, without the stack), for the list. */
export function firstLine(text: string | null | undefined) {
  return (text ?? '').split('\n', 1)[0].trim()
}
