import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { orderWithDiscountTaxAndShipping } from '#tests/helpers/order_money'
import { recordPaymentSucceeded, refundOrder, startPayment } from '#tests/helpers/payment_actions'
import { settleOutbox } from '#tests/helpers/outbox'
import { loadOrderSummary } from '#queries/order_summary_query'
import { storeToday } from '#plugins/analytics/store_clock'
import { salesByCountry } from '#plugins/analytics/queries/channels_query'

/**
 * An order placed through checkout, as a shopper places it: 1 × $20.99 and
 * 3 × $12.50, a 10 % code, $5.99 flat shipping and a tax of `rate` basis
 * points, added on top or included in the prices. Paid through the manual
 * driver.
 */
async function paidCheckoutOrder(rate: number, included: boolean) {
  const { order } = await orderWithDiscountTaxAndShipping({}, { rate, included })
  await startPayment(order, { actor: 'test' })
  await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total })
  await order.refresh()
  const variantIds = (await db.from('order_lines').where('order_id', order.id).orderBy('id')).map((line) => Number(line.variant_id))
  return { order, country: order.shippingAddress!.countryCode, variantIds }
}

/** Today's daily sales row of the store currency (all zero when there is none yet). */
async function todaysSales() {
  const row = await db.from('analytics_daily_sales').where('day', storeToday()).where('currency', 'USD').first()
  const columns = ['orders', 'gross_sales', 'discounts', 'returns', 'net_sales', 'shipping', 'tax', 'total_sales', 'refunds'] as const
  return Object.fromEntries(columns.map((column) => [column, Number(row?.[column] ?? 0)])) as Record<(typeof columns)[number], number>
}

/** What an order added to today's row: `after − before`, column by column. */
function added(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(Object.keys(after).map((column) => [column, after[column] - before[column]]))
}

async function productRevenue(variantIds: number[]) {
  const rows = await db.from('analytics_daily_products').whereIn('variant_id', variantIds).where('currency', 'USD').orderBy('variant_id')
  return rows.map((row) => ({ variantId: Number(row.variant_id), units: Number(row.units), revenue: Number(row.revenue) }))
}

test.group('Analytics | net sales of an order placed through checkout', () => {
  test('with a discount, added tax and shipping: net sales are the subtotal less the discount', async ({ assert }) => {
    const before = await todaysSales()
    const { order, country, variantIds } = await paidCheckoutOrder(825, false)
    await settleOutbox()
    const summary = (await loadOrderSummary(order.id))!
    // the order the pages show: $58.49 − $5.85 + $5.99 shipping + $4.34 tax = $62.97
    assert.deepEqual(
      [summary.subtotal.amount, summary.discount.amount, summary.shipping.amount, summary.tax.amount, summary.total.amount],
      [5849, 585, 599, 434, 6297]
    )
    const net = summary.subtotal.amount - summary.discount.amount

    assert.deepEqual(added(before, await todaysSales()), {
      orders: 1,
      gross_sales: summary.subtotal.amount,
      discounts: summary.discount.amount,
      returns: 0,
      net_sales: net,
      shipping: 599,
      tax: 434,
      total_sales: summary.total.amount,
      refunds: 0,
    })
    // per product: each line's unit price × quantity less its share of the discount, as the order page breaks it down
    const lines = summary.lines.map((line) => line.total.amount - line.discount.amount)
    assert.deepEqual(await productRevenue(variantIds), [
      { variantId: variantIds[0], units: 1, revenue: lines[0] },
      { variantId: variantIds[1], units: 3, revenue: lines[1] },
    ])
    assert.equal(lines[0] + lines[1], net)
    const [byCountry] = await salesByCountry(storeToday(), storeToday(), 'USD').then((rows) => rows.filter((row) => row.country === country))
    assert.deepEqual(byCountry, { country, orders: 1, totalSales: 6297, refunds: 0, netSales: net })
  })

  test('with tax included in the prices: the tax is taken out of net sales', async ({ assert }) => {
    const before = await todaysSales()
    const { order, variantIds } = await paidCheckoutOrder(2000, true)
    await settleOutbox()
    const summary = (await loadOrderSummary(order.id))!
    assert.isTrue(summary.taxesIncluded)
    assert.isAbove(summary.tax.amount, 0)
    // shipping is not taxed in this country, so all the tax is the goods'
    const net = summary.subtotal.amount - summary.discount.amount - summary.tax.amount
    const sales = added(before, await todaysSales())
    assert.equal(sales.net_sales, net)
    assert.equal(sales.gross_sales - sales.discounts, net)
    assert.equal(sales.total_sales, summary.total.amount)
    const revenue = (await productRevenue(variantIds)).reduce((sum, row) => sum + row.revenue, 0)
    assert.equal(revenue, net)
  })

  test('refunds take back net sales in the order’s proportion, all of it once fully refunded', async ({ assert }) => {
    const { order, country } = await paidCheckoutOrder(825, false)
    await settleOutbox()
    const before = await todaysSales()
    const net = 5849 - 585

    await refundOrder(order, { amount: 2000, actor: 'staff:test' })
    await settleOutbox()
    // $20.00 of a $62.97 order: 2000 × 5264 / 6297 = 1671.9… → 1671 of net sales
    assert.deepEqual(added(before, await todaysSales()), {
      orders: 0,
      gross_sales: 0,
      discounts: 0,
      returns: 1671,
      net_sales: -1671,
      shipping: 0,
      tax: 0,
      total_sales: 0,
      refunds: 2000,
    })

    await refundOrder(order, { amount: order.total - 2000, actor: 'staff:test' })
    await settleOutbox()
    const after = added(before, await todaysSales())
    assert.equal(after.refunds, order.total)
    assert.equal(after.returns, net, 'a full refund takes back exactly the net sales')
    const [byCountry] = (await salesByCountry(storeToday(), storeToday(), 'USD')).filter((row) => row.country === country)
    assert.deepEqual(byCountry, { country, orders: 1, totalSales: 6297, refunds: 6297, netSales: 0 })
  })
})
