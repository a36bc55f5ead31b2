import { test } from '@japa/runner'
import { recordEvent } from '#plugin_host/outbox'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import { sendLowStockEmails } from '#plugins/notifications/listeners/low_stock_listener'
import { emailUrl } from '#plugins/notifications/emails/render'
import { ProductFactory } from '#database/factories/product_factory'
import { StaffUserFactory } from '#database/factories/staff_user_factory'
import { settleOutbox } from '#tests/helpers/outbox'

async function lowVariant() {
  const product = await ProductFactory.merge({ title: 'Canvas Tote' }).with('variants', 1, (variant) => variant.merge({ title: 'Olive' })).create()
  return { product, variant: product.variants[0] }
}

test.group('Notifications | low-stock email to staff', (group) => {
  group.each.setup(() => settleOutbox())

  test('StockLow mails active staff who manage inventory, with SKU, title and what is left', async ({ assert }) => {
    const { product, variant } = await lowVariant()
    const stocker = await StaffUserFactory.apply('fulfillment').create()
    const support = await StaffUserFactory.apply('support').create()
    const retired = await StaffUserFactory.apply('fulfillment').apply('inactive').create()

    const event = await recordEvent('StockLow', { variantId: variant.id, available: 2, threshold: 5 })
    await settleOutbox()

    const emails = await NotificationMessage.query().whereLike('idempotency_key', `stock-low:${event.id}:%`)
    const recipients = emails.map((email) => email.toAddress)
    assert.include(recipients, stocker.email.toLowerCase())
    assert.notInclude(recipients, support.email.toLowerCase(), 'support cannot change stock')
    assert.notInclude(recipients, retired.email.toLowerCase(), 'inactive staff get nothing')

    const email = emails.find((candidate) => candidate.toAddress === stocker.email.toLowerCase())!
    assert.equal(email.subject, `Low stock: ${variant.sku} (2 left)`)
    assert.equal(email.template, 'low_stock')
    assert.include(email.html, 'Canvas Tote (Olive)')
    assert.include(email.html, variant.sku!)
    assert.include(email.html, `href="${emailUrl(`/admin/products/${product.id}/edit`)}"`)
    assert.include(email.text!, 'Available: 2')
    assert.include(email.text!, 'alert threshold 5')

    // a redelivery finds every recipient's email already sent
    const again = await sendLowStockEmails(new OutboxNotifier(), { variantId: variant.id, available: 2, threshold: 5 }, { eventId: event.id, attempt: 2 })
    assert.sameMembers(again.map((sent) => sent.id), emails.map((sent) => String(sent.id)))
  })

  test('staffAlertsTo sends to the configured addresses instead', async ({ assert }) => {
    const { variant } = await lowVariant()
    await StaffUserFactory.apply('owner').create()
    const sent = await sendLowStockEmails(
      new OutboxNotifier(),
      { variantId: variant.id, available: 0, threshold: 3 },
      { eventId: 987654321, attempt: 1 },
      { staffAlertsTo: ['Stock@Shop.example', 'stock@shop.example', 'buyer@shop.example'] }
    )
    assert.lengthOf(sent, 2, 'addresses are deduplicated, case-insensitively')
    const emails = await NotificationMessage.query().whereLike('idempotency_key', 'stock-low:987654321:%')
    assert.sameMembers(emails.map((email) => email.toAddress), ['stock@shop.example', 'buyer@shop.example'])
  })
})
