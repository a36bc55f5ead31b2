import { test } from '@japa/runner'
import { shopperStatusLabel, statusLabel } from '#services/status_labels'

test.group('Status labels | a shopper reads the same words as staff', () => {
  test('shared states read alike; only the puzzling ones have a shopper word', ({ assert }) => {
    assert.equal(shopperStatusLabel('payment', 'partially_refunded'), statusLabel('partially_refunded'))
    assert.equal(shopperStatusLabel('payment', 'partially_refunded'), 'Partially refunded')
    assert.equal(shopperStatusLabel('payment', 'paid'), 'Paid')
    assert.equal(shopperStatusLabel('payment', 'pending'), 'Awaiting payment')
    assert.equal(shopperStatusLabel('shipping', 'unfulfilled'), 'Not shipped yet')
    assert.equal(shopperStatusLabel('shipping', 'partially_fulfilled'), 'Partially shipped')
    assert.equal(shopperStatusLabel('shipping', 'delivered'), 'Delivered')
  })
})
