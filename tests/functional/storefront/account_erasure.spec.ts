import { randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import RequestPasswordReset from '#actions/accounts/request_password_reset'
import { recordEvent } from '#plugin_host/outbox'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { eraseCustomerMessages } from '#plugins/notifications/listeners/customer_erased_listener'
import { HttpAgent } from '#tests/helpers/http_agent'
import { orderOf, signUp, uniqueEmail } from '#tests/helpers/accounts'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { signedInStaff } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const PASSWORD = 'correct horse battery'

/** A signed-up (and so signed-in) customer with a name no other test uses. */
async function shopper(label: string) {
  const email = uniqueEmail(label)
  const lastName = `Quorn${randomBytes(4).toString('hex')}`
  const agent = new HttpAgent()
  await signUp(agent, email, PASSWORD, { first_name: 'Philippa', last_name: lastName })
  const customer = await Customer.findByOrFail('email', email)
  return { agent, customer, email, lastName }
}

/**
 * Every row of every table, as text, that mentions `needle` (case-insensitive):
 * `table.column` → value. The orders' address snapshots are left out: the
 * documented legal record of a sale (docs/accounts.md).
 */
async function tracesOf(needle: string) {
  const found: string[] = []
  const tables = await db.connection().getAllTables(['public'])
  for (const table of tables) {
    if (table.startsWith('adonis_schema')) continue
    for (const row of await db.from(table).select('*')) {
      for (const [column, value] of Object.entries(row)) {
        if (table === 'orders' && ['shipping_address', 'billing_address'].includes(column)) continue
        const text = typeof value === 'string' ? value : JSON.stringify(value)
        if (text?.toLowerCase().includes(needle.toLowerCase())) found.push(`${table}.${column}`)
      }
    }
  }
  return [...new Set(found)]
}

test.group('Account erasure | emails and everything else kept about the customer', (group) => {
  group.each.setup(() => clearRateLimits())

  test('erasing an account erases its emails in Admin › Emails and the database, and sends nothing still queued', async ({ assert }) => {
    const { agent, customer, email, lastName } = await shopper('erase')
    const other = await shopper('keep')

    // sent: the sign-up verification and an order confirmation (name and address inside)
    const order = await orderOf(customer.id, {
      email,
      shippingAddress: { firstName: 'Philippa', lastName, line1: '7 Erasure Lane', city: 'Leeds', postalCode: 'LS1 1AA', countryCode: 'GB' },
    })
    await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })
    await settleOutbox()
    const sent = await NotificationMessage.query().where('customer_id', customer.id)
    assert.sameMembers(sent.map((message) => message.template), ['account_verify_email', 'order_confirmation'])
    assert.include(sent.find((message) => message.template === 'order_confirmation')!.html, lastName)
    // a send that failed at the provider, waiting for its retry
    const failed = await NotificationMessage.create({
      channel: 'email', driver: 'sendgrid', toAddress: email, subject: 'Order confirmed', html: `<p>Dear Philippa ${lastName}</p>`,
      status: 'failed', error: 'SendGrid answered 503', attempts: 1, customerId: customer.id, idempotencyKey: `test-failed:${customer.id}`,
    })
    // queued, not yet sent: a password reset and an order email resend (no worker runs until the next settle)
    await (await outboxServices()).queue.stop()
    await (await app.container.make(RequestPasswordReset)).handle(email)
    await recordEvent('OrderEmailResendRequested', { orderId: order.id, template: 'order_confirmation', fulfillmentId: null, requestedBy: null })
    const { last } = await db.from('notification_messages').max('id as last').first()

    const erased = await agent.submit('/account/delete', '/account/delete', { current_password: PASSWORD, confirm: '1' })
    assert.equal(erased.location, '/')
    await settleOutbox()

    const messages = await NotificationMessage.query().where('customer_id', customer.id).orderBy('id')
    assert.lengthOf(messages, 3, 'no new message: the queued reset and resend were not sent')
    assert.lengthOf(await NotificationMessage.query().where('id', '>', Number(last)).whereNot('to_address', other.email), 0)
    for (const message of messages) {
      assert.isNotNull(message.erasedAt)
      assert.equal(message.html, '')
      assert.isNull(message.text)
    }
    assert.equal((await NotificationMessage.findOrFail(failed.id)).status, 'failed', 'the failed send stays unsent')

    // Admin › Emails: the list and each detail page
    const { agent: owner } = await signedInStaff('owner')
    const list = await owner.get('/admin/emails')
    assert.equal(list.status, 200)
    for (const needle of [email, lastName]) assert.notInclude(list.text, needle)
    for (const message of messages) {
      const detail = await owner.get(`/admin/emails/${message.id}`)
      assert.equal(detail.status, 200)
      for (const needle of [email, lastName, '7 Erasure Lane']) assert.notInclude(detail.text, needle)
    }
    // the database: no address, no name, outside the orders' address snapshots
    assert.deepEqual(await tracesOf(email), [])
    assert.deepEqual(await tracesOf(lastName), [])

    // the other customer's email is untouched
    const kept = await NotificationMessage.query().where('customer_id', other.customer.id).firstOrFail()
    assert.equal(kept.toAddress, other.email)
    assert.include(kept.html, 'Confirm your email')
    assert.isNull(kept.erasedAt)

    // running the plugin's handler again changes nothing
    const snapshot = JSON.stringify(await NotificationMessage.query().orderBy('id'))
    await eraseCustomerMessages({ customerId: customer.id })
    assert.equal(JSON.stringify(await NotificationMessage.query().orderBy('id')), snapshot)
  }).timeout(60_000)
})
