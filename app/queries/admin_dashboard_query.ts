import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import OrderEvent from '#models/order_event'
import StaffUser from '#models/staff_user'
import { dbTimestamp } from '#services/db_time'
import { SALE_PAYMENT_STATUSES, whereShippable } from '#models/order_rules'
import env from '#start/env'


/** The store's calendar day as UTC bounds (STORE_TIMEZONE, the zone analytics uses too). */
export function storeDayBounds(now: DateTime = DateTime.now(), timezone = env.get('STORE_TIMEZONE') ?? 'UTC') {
  const zoned = now.setZone(timezone)
  // an unknown zone name would give an invalid day: count in UTC rather than fail the dashboard
  const start = (zoned.isValid ? zoned : now.toUTC()).startOf('day') as DateTime<true>
  return { day: start.toISODate(), timezone: zoned.isValid ? timezone : 'UTC', start, end: start.plus({ days: 1 }).startOf('day') }
}

/**
 * Paid orders placed today (store time) and their gross total, per
 * currency: one range scan of the placed_at index.
 */
export async function todaysOrders(now: DateTime = DateTime.now()) {
  const bounds = storeDayBounds(now)
  const client = db.connection()
  const rows = await client
    .from('orders')
    .where('placed_at', '>=', dbTimestamp(client, bounds.start.toLocal()))
    .where('placed_at', '<', dbTimestamp(client, bounds.end.toLocal()))
    .whereIn('payment_status', [...SALE_PAYMENT_STATUSES])
    .groupBy('currency')
    .orderBy('currency')
    .select('currency')
    .count('* as orders')
    .sum('total as sales')
  return {
    ...bounds,
    byCurrency: rows.map((row) => ({ currency: String(row.currency), orders: Number(row.orders), sales: Number(row.sales ?? 0) })),
  }
}

/** Orders that may ship now (order_rules.whereShippable; the orders_fulfillment_payment_id index). */
export async function awaitingFulfillmentCount() {
  const row = await whereShippable(db.from('orders')).count('* as total').first()
  return Number(row?.total ?? 0)
}

export interface ActivityEntry {
  at: DateTime
  who: string
  text: string
  href: string | null
}

/** "staff:12" → 12, for naming who moved an order. */
function staffIdOf(actor: string | null) {
  const match = /^staff:(\d+)$/.exec(actor ?? '')
  return match ? Number(match[1]) : null
}

/**
 * The latest happenings, newest first: order timeline entries (for staff
 * who read orders) and audit log entries (for staff who manage staff or
 * settings). Two small indexed reads and one for the names.
 */
export async function recentActivity(options: { orders: boolean; audit: boolean }, limit = 10) {
  const [events, audits] = await Promise.all([
    options.orders
      ? OrderEvent.query().preload('order', (order) => order.select('id', 'number')).orderBy('id', 'desc').limit(limit)
      : [],
    options.audit ? AuditLog.query().orderBy('id', 'desc').limit(limit) : [],
  ])
  const staffIds = new Set<number>()
  for (const event of events) staffIdOf(event.actor) !== null && staffIds.add(staffIdOf(event.actor)!)
  for (const audit of audits) if (audit.actorType === 'staff' && audit.actorId) staffIds.add(audit.actorId)
  const staff = staffIds.size ? await StaffUser.query().whereIn('id', [...staffIds]).select('id', 'full_name', 'email') : []
  const names = new Map(staff.map((member) => [member.id, member.fullName || member.email]))
  const name = (id: number | null, fallback: string) => (id !== null ? (names.get(id) ?? `staff #${id}`) : fallback)

  // A staff member's order changes are in the audit log already, with their diff.
  const shown = options.audit ? events.filter((event) => staffIdOf(event.actor) === null) : events
  const entries: ActivityEntry[] = [
    ...shown.map((event) => ({
      at: event.createdAt,
      who: name(staffIdOf(event.actor), event.actor ?? 'system'),
      text: `Order #${event.order?.number ?? event.orderId}: ${event.type.replace(/_/g, ' ')}`,
      href: `/admin/orders/${event.orderId}`,
    })),
    ...audits.map((audit) => ({
      at: audit.createdAt,
      who: audit.actorType === 'staff' ? name(audit.actorId, 'staff') : audit.actorType,
      text: `${audit.action}${audit.subjectType ? ` (${audit.subjectType} ${audit.subjectId ?? ''})`.replace(' )', ')') : ''}`,
      href: audit.subjectType === 'order' && audit.subjectId ? `/admin/orders/${encodeURIComponent(audit.subjectId)}` : null,
    })),
  ]
  return entries.sort((a, b) => b.at.toMillis() - a.at.toMillis()).slice(0, limit)
}
