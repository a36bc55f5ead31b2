import { test } from '@japa/runner'
import Order from '#models/order'
import { canShip, countsAsSale, holdsPayment, packRefusal, shipRefusal, unitsToShip } from '#models/order_rules'

const order = (status: Order['status'], paymentStatus: Order['paymentStatus'], fulfillmentStatus: Order['fulfillmentStatus'] = 'unfulfilled') => ({
  number: 1001,
  status,
  paymentStatus,
  fulfillmentStatus,
})

test.group('Orders | order rules', () => {
  test('a sale is money captured at some point; money held excludes a full refund', ({ assert }) => {
    assert.deepEqual(
      (['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'failed', 'voided'] as const).map((payment) => [
        payment,
        countsAsSale({ paymentStatus: payment }),
        holdsPayment({ paymentStatus: payment }),
      ]),
      [
        ['pending', false, false],
        ['authorized', false, false],
        ['paid', true, true],
        ['partially_refunded', true, true],
        ['refunded', true, false],
        ['failed', false, false],
        ['voided', false, false],
      ]
    )
    assert.deepEqual(Order.SALE_PAYMENT_STATUSES, ['paid', 'partially_refunded', 'refunded'])
    assert.deepEqual(Order.HELD_PAYMENT_STATUSES, ['paid', 'partially_refunded'])
  })

  test('only an open order holding money with something left ships; refusals say why', ({ assert }) => {
    assert.isTrue(canShip(order('open', 'paid')))
    assert.isTrue(canShip(order('open', 'partially_refunded', 'partially_fulfilled')))
    assert.equal(shipRefusal(order('open', 'refunded')), 'Order #1001 was refunded in full; a refunded order does not ship')
    assert.equal(shipRefusal(order('cancelled', 'refunded')), 'Order #1001 was refunded in full; a refunded order does not ship')
    assert.equal(shipRefusal(order('pending', 'pending')), 'Order #1001 cannot be fulfilled while it is pending (payment pending)')
    assert.equal(shipRefusal(order('cancelled', 'voided')), 'Order #1001 cannot be fulfilled while it is cancelled (payment voided)')
    assert.equal(shipRefusal(order('open', 'paid', 'fulfilled')), 'Order #1001 is already fulfilled')
    assert.equal(packRefusal(order('open', 'refunded')), 'Order #1001 was refunded in full: there is nothing to pack.')
    assert.isNull(packRefusal(order('open', 'paid')))
  })

  test('per line, restocked units never ship; the count never goes below zero', ({ assert }) => {
    assert.equal(unitsToShip({ quantity: 3, fulfilledQuantity: 1, restockedQuantity: 0 }), 2)
    assert.equal(unitsToShip({ quantity: 3, fulfilledQuantity: 1, restockedQuantity: 1 }), 1)
    assert.equal(unitsToShip({ quantity: 2, fulfilledQuantity: 0, restockedQuantity: 2 }), 0)
    assert.equal(unitsToShip({ quantity: 2, fulfilledQuantity: 2, restockedQuantity: 1 }), 0)
  })
})
