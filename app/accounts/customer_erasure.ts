import { randomBytes } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * What an erased customer's email becomes. `.invalid` is reserved (RFC 2606):
 * no mail can ever reach it, and Notifier drivers refuse to send to it.
 */
export function erasedEmail() {
  return `erased-${randomBytes(16).toString('hex')}@anonymized.invalid`
}

/** Events whose payload names a customer's address: core's own outbox rows. */
const EVENTS_WITH_ADDRESSES = ['AccountEmailRequested', 'CustomerRegistered', 'NewsletterSubscribed', 'NewsletterUnsubscribed'] as const

/**
 * Removes the customer's email, name and notes from everything core keeps
 * about them besides the customer row (which the caller anonymizes), in
 * `trx`. Kept, as the shop's legal record of a sale: orders with their
 * lines, totals, taxes, payments, refunds and the billing/shipping address
 * snapshot (an invoice names its buyer); the order's contact email is
 * replaced by `placeholder`, so nothing about an order is mailed any more.
 * Plugins are told through the outbox (CustomerErased) and erase their own.
 */
export async function eraseCustomerRecords(trx: TransactionClientContract, customerId: number, placeholder: string) {
  const addresses = await addressesOf(trx, customerId)

  await trx.from('addresses').where('customer_id', customerId).delete()
  await trx.from('customer_tokens').where('customer_id', customerId).delete()
  await trx.from('customer_tags').where('customer_id', customerId).delete()
  await trx.from('customer_notes').where('customer_id', customerId).delete()
  // their newsletter consent goes with them (rows are keyed by the lower-cased address)
  await trx.from('newsletter_subscribers').whereIn('email', addresses).delete()
  // staff wrote notes and tags about them: the audit rows keep who did what, not the text
  await trx.from('audit_logs').where({ subject_type: 'customer', subject_id: String(customerId) }).update({ changes: null })

  const carts = trx
    .from('carts')
    .where('customer_id', customerId)
    .orWhereIn('email', addresses)
    .select('id')
  await trx.from('cart_lines').whereIn('cart_id', carts).delete()
  await trx.from('carts').where('customer_id', customerId).orWhereIn('email', addresses).delete()

  await trx.from('orders').where('customer_id', customerId).update({ email: placeholder })
  // a per-customer discount limit still counts their past uses, under the placeholder
  await trx.from('discount_usages').where('customer_id', customerId).orWhereIn('email', addresses).update({ email: null, customer_key: placeholder })
  await trx.from('discount_customer_usages').whereIn('customer_key', addresses).update({ customer_key: placeholder })

  await redactOutboxPayloads(trx, customerId, addresses, placeholder)
}

/** Every address the customer used: the account's, a pending new one, their orders' (lower-cased). */
async function addressesOf(trx: TransactionClientContract, customerId: number) {
  // one after another: a transaction is one connection
  const customer = await trx.from('customers').where('id', customerId).select('email').first()
  const tokens = await trx.from('customer_tokens').where('customer_id', customerId).whereNotNull('email').select('email')
  const orders = await trx.from('orders').where('customer_id', customerId).distinct('email')
  const found = [customer?.email, ...tokens.map((row) => row.email), ...orders.map((row) => row.email)]
  return [...new Set(found.filter((email): email is string => Boolean(email)).flatMap((email) => [email, email.toLowerCase()]))]
}

/**
 * Account emails wait in the outbox with their recipient (and a sealed
 * link); the sign-up and newsletter events name the address. Those payloads lose every
 * address and the link: a delivery still pending then has nothing to send
 * (an expired or missing link is skipped, the rest goes to `.invalid`).
 */
async function redactOutboxPayloads(trx: TransactionClientContract, customerId: number, addresses: string[], placeholder: string) {
  const payloadText = trx.dialect.name === 'postgres' ? 'payload::text' : 'payload'
  const candidates = await trx
    .from('outbox_events')
    .whereIn('name', [...EVENTS_WITH_ADDRESSES])
    .where((query) => {
      query.orWhereRaw(`${payloadText} like ?`, [`%"customerId":${customerId}%`])
      for (const address of addresses) query.orWhereRaw(`${payloadText} like ? escape '\\'`, [`%${escapeLike(address)}%`])
    })
    .select('id', 'name', 'payload')

  for (const event of candidates) {
    const payload = typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload
    const named = [payload.to, payload.email, payload.oldEmail, payload.newEmail].some(
      (value) => typeof value === 'string' && addresses.includes(value.toLowerCase())
    )
    if (!named && payload.customerId !== customerId) continue
    const redacted =
      event.name === 'CustomerRegistered'
        ? { customerId: payload.customerId, email: placeholder }
        : event.name === 'NewsletterSubscribed' || event.name === 'NewsletterUnsubscribed'
          ? { ...payload, email: placeholder }
          : { kind: payload.kind, customerId: payload.customerId, tokenId: payload.tokenId, to: placeholder, sealedToken: null }
    await trx.from('outbox_events').where('id', event.id).update({ payload: JSON.stringify(redacted) })
  }
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`)
}
