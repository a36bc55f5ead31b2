import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { settleOutbox } from '#tests/helpers/outbox'
import NetSalesMigration from '#plugins/analytics/database/migrations/0004_add_returns_and_country_net_sales'
import { catalog, expectedRollups, netSalesOf, pay, placeOrder, randomSource, refund, testCurrency } from './seeded_store.js'

/** The migration, run against `client` (a transaction the test rolls back). */
const migration = (client: any) => new NetSalesMigration(client, 'analytics/0004_add_returns_and_country_net_sales', false)

test.group('Analytics | the net sales migration', () => {
  test('rebuilds rollups counted the old way: tax and shipping out, the discount taken off once', async ({ assert }) => {
    const currency = testCurrency()
    const variants = await catalog(2)
    const random = randomSource(23)
    const paidAt = DateTime.utc(2018, 9, 12, 15)
    const orders = []
    for (let index = 0; index < 4; index++) {
      const order = await placeOrder(random, variants, currency, paidAt.plus({ hours: index }))
      await pay(order, paidAt.plus({ hours: index }))
      orders.push(order)
    }
    await refund(orders[0], 700, paidAt.plus({ hours: 6 }))
    await settleOutbox(30_000)
    const expected = await expectedRollups(currency, 'UTC')
    const net = (await Promise.all(orders.map(netSalesOf))).reduce((sum, value) => sum + value, 0)
    assert.isBelow(expected.sales['2018-09-12'].net_sales, net, 'the refund took some back')

    await db
      .transaction(async (trx) => {
        // the rollups as the previous release left them: money kept as net sales, product revenue with tax
        await migration(trx).execDown()
        await trx.from('analytics_daily_sales').where('currency', currency).update({ net_sales: trx.knexRawQuery('total_sales - refunds') })
        await trx.from('analytics_daily_products').where('currency', currency).update({ revenue: trx.knexRawQuery('revenue + 100') })

        await migration(trx).execUp()
        const sales = await trx.from('analytics_daily_sales').where('currency', currency).firstOrFail()
        assert.equal(Number(sales.net_sales), expected.sales['2018-09-12'].net_sales)
        assert.equal(Number(sales.returns), expected.sales['2018-09-12'].returns)
        assert.equal(Number(sales.gross_sales) - Number(sales.discounts) - Number(sales.returns), Number(sales.net_sales))
        const products = await trx.from('analytics_daily_products').where('currency', currency)
        assert.equal(
          products.reduce((sum, row) => sum + Number(row.revenue), 0),
          net,
          'product revenue is the lines’ net sales again'
        )
        const countries = await trx.from('analytics_daily_countries').where('currency', currency)
        assert.equal(
          countries.reduce((sum, row) => sum + Number(row.net_sales), 0),
          expected.sales['2018-09-12'].net_sales
        )
        throw new RolledBack()
      })
      .catch((error) => {
        if (!(error instanceof RolledBack)) throw error
      })
  }).timeout(60_000)
})

/** Thrown to roll the migration run back: the test database keeps its schema. */
class RolledBack extends Error {}
