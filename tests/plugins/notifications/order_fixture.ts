import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import Order from '#models/order'
import OrderLine from '#models/order_line'

let sequence = 0

/**
 * A placed order written straight to the tables (the emails only read
 * orders): two lines, a discount, shipping, tax included in the prices (as
 * in the UK) and both addresses, with the lines stored as checkout stores
 * them (the discount spread over the lines, `total` after it). Order
 * numbers start far above the real allocator's so they never meet.
 */
export async function createOrderForEmail(overrides: Partial<Order> = {}) {
  sequence += 1
  const order = await Order.create({
    number: 7_000_000 + Math.floor(Math.random() * 1_000_000) * 10 + (sequence % 10),
    publicToken: randomBytes(16).toString('hex'),
    email: `shopper-${randomBytes(4).toString('hex')}@example.com`,
    currency: 'EUR',
    status: 'open',
    paymentStatus: 'paid',
    fulfillmentStatus: 'unfulfilled',
    subtotal: 5997,
    discountTotal: 600,
    shippingTotal: 495,
    taxTotal: 1080,
    total: 5892,
    taxesIncluded: true,
    shippingAddress: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      line1: '12 <Analytical> Street',
      city: 'London',
      postalCode: 'N1 9GU',
      countryCode: 'GB',
    },
    billingAddress: { firstName: 'Ada', lastName: 'Lovelace', line1: '1 Billing Road', city: 'Bath', countryCode: 'GB' },
    placedAt: DateTime.utc(),
    ...overrides,
  })
  const lines = await OrderLine.createMany([
    { orderId: order.id, sku: 'TEE-BLK-M', title: 'Stockroom Tee', variantTitle: 'Black / M', quantity: 2, unitPrice: 1999, discountAmount: 400, total: 3598, taxAmount: 720 },
    { orderId: order.id, sku: 'MUG-01', title: 'Enamel Mug', variantTitle: 'Default', quantity: 1, unitPrice: 1999, discountAmount: 200, total: 1799, taxAmount: 360 },
  ])
  return { order, lines }
}
