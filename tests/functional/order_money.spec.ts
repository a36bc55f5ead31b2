import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import Order from '#models/order'
import ExportCustomerData from '#actions/accounts/export_customer_data'
import { CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { refundOrder } from '#tests/helpers/payment_actions'
import { orderWithDiscountTaxAndShipping } from '#tests/helpers/order_money'
import { latestEmail, signIn } from '#tests/helpers/accounts'
import { signedInStaff } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
 * One order with a percentage discount, exclusive tax, flat shipping and a
 * partial refund, shown by every page and email that prints order money.
 * The figures are worked out here by hand, from the rule the presenter
 * documents (a line's total is unit price × quantity; the lines add up to
 * the subtotal; total = subtotal − discount + shipping + tax):
 *
 *   first line    1 × $20.99 = $20.99
 *   second line   3 × $12.50 = $37.50
 *   Subtotal                   $58.49
 *   Discount 10 %             −$5.85   (584.9, half up)
 *   Shipping                    $5.99
 *   Tax 8.25 % of $52.64        $4.34   (434.28)
 *   Total                      $62.97
 *   Refunded                  −$10.00
 *   Total after refunds        $52.97
 *
 * Before the presenter, the payment page, the admin and the email printed
 * each line's stored ledger total (after its discount share, with its tax:
 * $20.99 came out as $20.68) while the shopper's page printed $20.99.
 */
const LINES = ['$20.99', '$37.50']
const FIGURES = { subtotal: '$58.49', discount: '−$5.85', shipping: '$5.99', tax: '$4.34', total: '$62.97' }
const AFTER_REFUND = { refunded: '−$10.00', net: '$52.97' }

/** The line totals a page marks with data-line-total, in order, as cents. */
function lineTotals(html: string) {
  return [...html.matchAll(/data-line-total[^>]*>\s*([^<\s]+)/g)].map((match) => match[1])
}

const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100)

/** The figure a page marks with data-figure="key". */
function figure(html: string, key: string) {
  return new RegExp(`data-figure="${key}"[^>]*>\\s*([^<]+?)\\s*<`).exec(html)?.[1] ?? null
}

function assertFigures(assert: any, html: string, where: string, expected: Record<string, string>) {
  const lines = lineTotals(html)
  assert.deepEqual(lines, LINES, `${where}: line totals`)
  for (const [key, text] of Object.entries(expected)) assert.equal(figure(html, key), text, `${where}: ${key}`)
  assert.equal(
    lines.reduce((sum, line) => sum + cents(line), 0),
    cents(figure(html, 'subtotal') ?? ''),
    `${where}: the lines add up to the subtotal`
  )
}

test.group('Orders | the same money on every page and email', (group) => {
  group.each.setup(() => clearRateLimits())

  test('lines add up to the subtotal, and pay page, order pages, admin, email and export agree', async ({ assert }) => {
    const { order, customer } = await orderWithDiscountTaxAndShipping()
    assert.equal(order.total, 6297, 'the checkout priced the order as worked out above')

    const shopper = new HttpAgent()
    const payPage = await shopper.get(`/orders/${order.publicToken}/pay`)
    assert.equal(payPage.status, 200)
    assertFigures(assert, payPage.text, 'payment page', FIGURES)

    const paid = await shopper.submit(`/orders/${order.publicToken}/pay`, `/orders/${order.publicToken}/pay/manual`, { outcome: 'success' })
    assert.equal(paid.status, 302)

    const email = await latestEmail(order.email, 'order_confirmation')
    assert.isNotNull(email, 'the confirmation email was sent')
    assertFigures(assert, email.html, 'confirmation email (HTML)', FIGURES)
    const textLines = [...String(email.text).matchAll(/^- .*: (\S+)$/gm)].map((match) => match[1])
    assert.deepEqual(textLines, LINES, 'confirmation email (text): line totals')
    for (const [label, text] of [['Subtotal', FIGURES.subtotal], ['Shipping', FIGURES.shipping], ['Tax', FIGURES.tax], ['Total', FIGURES.total]]) {
      assert.match(String(email.text), new RegExp(`^${label}[^:\\n]*: ${text.replace('$', '\\$')}$`, 'm'), `confirmation email (text): ${label}`)
    }
    assert.include(String(email.text), FIGURES.discount)

    await refundOrder((await Order.findOrFail(order.id)) as Order, { amount: 1000, actor: 'staff:test', reason: 'damaged box' })
    const afterRefund = { ...FIGURES, ...AFTER_REFUND }

    const orderPage = await shopper.get(`/orders/${order.publicToken}`)
    assert.equal(orderPage.status, 200)
    assertFigures(assert, orderPage.text, 'order page', afterRefund)

    const account = new HttpAgent()
    assert.equal((await signIn(account, customer.email, CUSTOMER_PASSWORD)).location, '/account')
    const accountPage = await account.get(`/account/orders/${order.publicToken}`)
    assert.equal(accountPage.status, 200)
    assertFigures(assert, accountPage.text, "account's order page", afterRefund)

    const { agent: staff } = await signedInStaff('owner')
    const adminPage = await staff.get(`/admin/orders/${order.id}`)
    assert.equal(adminPage.status, 200)
    assertFigures(assert, adminPage.text, 'admin order page', afterRefund)

    const exported = await (await app.container.make(ExportCustomerData)).handle(customer)
    const mine = exported.orders.find((entry) => entry.number === order.number)!
    assert.deepEqual(
      mine.lines.map((line) => line.total),
      LINES.map(cents)
    )
    assert.deepEqual(
      [mine.subtotal, mine.discountTotal, mine.shippingTotal, mine.taxTotal, mine.total, mine.refunded],
      [5849, 585, 599, 434, 6297, 1000]
    )
  })
})
