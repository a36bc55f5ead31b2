import { formatMoney } from '#services/money'
import { fieldLabel } from '#queries/audit_changes'

/**
 * The dashboard's activity in words: "Order #1004 shipped", "Product "Linen
 * shirt" updated", instead of the raw keys the timeline and the audit log
 * store (`fulfillment_created`, `order.fulfill (order 1)`). Who did it is
 * shown beside the line.
 */

/**
 * Order timeline types (order_events.type) as what happened to the order.
 * The dashboard says "Order #1004 <verb>"; the order's timeline starts the
 * line with it ("Placed", "Refunded").
 */
const ORDER_EVENTS: Record<string, string> = {
  placed: 'placed',
  // the order opens when its payment goes through: the payment's own line says so
  order_opened: 'confirmed',
  payment_authorized: 'payment authorized',
  payment_paid: 'paid',
  payment_failed: 'payment failed',
  payment_retried: 'payment retried',
  payment_refunded: 'refunded',
  payment_voided: 'payment voided',
  fulfillment_created: 'shipped',
  order_packed: 'packed',
  order_delivered: 'delivered',
  order_completed: 'completed',
  order_cancelled: 'cancelled',
  shipping_address_changed: 'shipping address changed',
  email_resent: 'email sent again',
  note: 'note added',
  refund_recorded: 'refund recorded',
  items_restocked: 'items restocked',
}

/**
 * Timeline types the dashboard leaves out because another line of the same
 * moment says it: an order opens exactly when its payment is authorized or
 * paid, so "Order #1004 confirmed" beside "Order #1004 paid" would be one
 * event told twice.
 */
export const RESTATED_EVENTS: readonly string[] = ['order_opened']

/** What happened, as the start of a timeline line: "Placed", "Payment failed". */
export function orderEventTitle(type: string) {
  const words = ORDER_EVENTS[type] ?? type.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Audit actions on an order, as what staff did to it. */
const ORDER_ACTIONS: Record<string, string> = {
  'order.fulfill': 'shipped',
  'order.cancel': 'cancelled',
  'order.refund': 'refunded',
  'order.deliver': 'marked delivered',
  'order.pack': 'packed',
  'order.note': 'note added',
  'order.tag': 'tagged',
  'order.untag': 'untagged',
  'order.shipping_address': 'shipping address changed',
  'order.email_resent': 'email sent again',
}

/** Verbs past the subject ("product.images_added" → "images added"), with the few that read better reworded. */
const VERBS: Record<string, string> = {
  tags_changed: 'tags changed',
  note_added: 'note added',
  note_deleted: 'note deleted',
  invite_accepted: 'accepted an invitation',
  invite_resent: 'invitation sent again',
  invite_revoked: 'invitation revoked',
  role_changed: 'role changed',
  password_reset: 'password reset',
}

export function orderEventLine(orderNumber: number | string, type: string) {
  return `Order #${orderNumber} ${ORDER_EVENTS[type] ?? type.replace(/_/g, ' ')}`
}

export interface AuditFacts {
  action: string
  subjectType: string | null
  subjectId: string | null
  changes: Record<string, unknown> | null
}

/** What the row after a change holds: `[before, after]` → after. */
function after(changes: Record<string, unknown> | null, key: string): unknown {
  const value = changes?.[key]
  return Array.isArray(value) && value.length === 2 ? value[1] : value
}

/**
 * One audit row as a line. `names` holds what the ids stand for, looked up
 * by the caller in one query each: order numbers and product titles.
 */
export function auditLine(audit: AuditFacts, names: { orders: Map<string, number>; products: Map<string, string> }) {
  const { action, subjectId, changes } = audit
  if (ORDER_ACTIONS[action] && subjectId) {
    const number = names.orders.get(subjectId) ?? subjectId
    const refund = after(changes, 'refund') as { amount?: number } | null
    const amount = action === 'order.refund' && typeof refund?.amount === 'number' ? ` ${formatMoney(refund.amount, String(changes?.currency ?? '') || undefined)}` : ''
    return `Order #${number} ${ORDER_ACTIONS[action]}${amount}`
  }
  if (action === 'order.bulk_fulfill') {
    // a count of orders, recorded as `orders` (entries before that say `total`, which reads as money elsewhere)
    const total = Number(after(changes, 'orders') ?? after(changes, 'total') ?? 0)
    return `Bulk fulfillment started for ${total} ${total === 1 ? 'order' : 'orders'}`
  }
  const [subject, verb = ''] = action.split('.')
  if (subject === 'product' && verb.startsWith('bulk_')) return `Products ${verb.slice(5).replace(/_/g, ' ')} in bulk`
  const title = subject === 'product' && subjectId ? names.products.get(subjectId) : undefined
  const what = title ? `Product “${title}”` : fieldLabel(subject)
  return `${what} ${VERBS[verb] ?? verb.replace(/_/g, ' ')}`
}

/**
 * An audit action as staff read it: "customer.note_deleted" → "Customer note
 * deleted", "order.fulfill" → "Order shipped". The audit log's Action column
 * and its filter suggestions.
 */
export function auditActionLabel(action: string): string {
  if (ORDER_ACTIONS[action]) return `Order ${ORDER_ACTIONS[action]}`
  if (action === 'order.bulk_fulfill') return 'Orders fulfilled in bulk'
  const [subject, verb = ''] = action.split('.')
  if (verb === '*') return `Any ${fieldLabel(subject).toLowerCase()} action`
  if (subject === 'product' && verb.startsWith('bulk_')) return `Products ${verb.slice(5).replace(/_/g, ' ')} in bulk`
  return `${fieldLabel(subject)} ${VERBS[verb] ?? verb.replace(/_/g, ' ')}`.trim()
}

/** Who, for a line not made by a staff member: "the store", "the manual payment webhook", "the CLI", "a guest shopper". */
export function actorWords(actor: string | null): string {
  if (!actor || actor === 'system') return 'the store'
  if (actor === 'cli') return 'the CLI'
  if (actor === 'guest') return 'a guest shopper'
  if (actor === 'customer' || actor.startsWith('customer:')) return 'the customer'
  if (actor === 'staff') return 'a staff member'
  const [kind, name] = actor.split(':')
  if (kind === 'webhook' && name) return `the ${name} payment webhook`
  if (kind === 'plugin' && name) return `the ${name} plugin`
  if (kind === 'staff' && name) return `staff member #${name}`
  return actor.replace(/[_:.]+/g, ' ')
}
