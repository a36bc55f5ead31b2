import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import type { HttpAgent } from '#tests/helpers/http_agent'
import { settleOutbox } from '#tests/helpers/outbox'

/** A fresh address no other test uses. */
export function uniqueEmail(label = 'account') {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`
}

/**
 * The newest stored email to `to` (the outbox driver keeps every message), optionally of one template.
 * Account emails go through the outbox, so the queued ones are sent first, as a worker would.
 */
export async function latestEmail(to: string, template?: string) {
  await settleOutbox()
  const query = db.from('notification_messages').where('to_address', to).orderBy('id', 'desc')
  if (template) query.where('template', template)
  return query.first()
}

/** The token in an emailed account link: `/account/<path>/<token>`. */
export function tokenFrom(message: { html: string; text: string | null } | null, path: string) {
  const match = new RegExp(`/account/${path}/([A-Za-z0-9_-]{43})`).exec(message?.text ?? '')
  if (!match) throw new Error(`no /account/${path}/ link in the email`)
  return match[1]
}

export async function signUp(agent: HttpAgent, email: string, password = 'correct horse battery', extra: Record<string, string> = {}) {
  return agent.submit('/account/sign-up', '/account/sign-up', {
    email,
    password,
    password_confirmation: password,
    first_name: 'Grace',
    last_name: 'Hopper',
    ...extra,
  })
}

export async function signIn(agent: HttpAgent, email: string, password: string) {
  return agent.submit('/account/sign-in', '/account/sign-in', { email, password })
}

/** A placed order of `customerId` written straight to the tables, with one line. */
export async function orderOf(customerId: number | null, overrides: Partial<Order> = {}, line: Partial<OrderLine> = {}) {
  const order = await Order.create({
    number: 8_000_000 + Math.floor(Math.random() * 1_000_000),
    publicToken: randomBytes(24).toString('base64url'),
    customerId,
    email: uniqueEmail('order'),
    currency: 'USD',
    status: 'open',
    paymentStatus: 'paid',
    fulfillmentStatus: 'unfulfilled',
    subtotal: 1500,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    total: 1500,
    shippingAddress: { firstName: 'Ada', lastName: 'Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' },
    billingAddress: null,
    placedAt: DateTime.utc(),
    ...overrides,
  })
  await OrderLine.create({ orderId: order.id, sku: 'SKU-1', title: 'Thing', variantTitle: null, quantity: 2, unitPrice: 750, total: 1500, taxAmount: 0, ...line })
  return order
}
