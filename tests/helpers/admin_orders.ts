import { randomBytes, randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import { ProductFactory } from '#database/factories/product_factory'
import { startPayment, recordPaymentSucceeded } from '#tests/helpers/payment_actions'

export interface OrderSpec {
  /** one line per entry, each on a fresh variant with `stock` units (default 10) */
  lines?: Array<{ quantity: number; unitPrice: number }>
  email?: string
  firstName?: string
  lastName?: string
  stock?: number
}

/**
 * An unpaid order whose stock is reserved the way checkout reserves it,
 * built with the models (so back-office tests do not depend on the
 * storefront flow). Answers the order and its variants, line by line.
 */
export async function pendingOrder(spec: OrderSpec = {}) {
  const inventory = await app.container.make(InventoryPort)
  const specs = spec.lines ?? [{ quantity: 2, unitPrice: 2500 }]
  const product = await ProductFactory.with('variants', specs.length).create()
  for (const variant of product.variants) {
    await inventory.adjust({ variantId: variant.id, delta: spec.stock ?? 10, reason: 'received', actor: 'test' })
  }
  const total = specs.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0)
  const order = await Order.create({
    // random and far above the allocator's numbers, so runs sharing a database never collide
    number: randomInt(100_000_000, 2_000_000_000),
    publicToken: randomBytes(24).toString('base64url'),
    email: spec.email ?? `buyer-${randomBytes(4).toString('hex')}@example.com`,
    currency: 'USD',
    status: 'pending',
    paymentStatus: 'pending',
    fulfillmentStatus: 'unfulfilled',
    subtotal: total,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    total,
    shippingAddress: {
      firstName: spec.firstName ?? 'Grace',
      lastName: spec.lastName ?? 'Hopper',
      line1: '1 Compiler Way',
      city: 'Arlington',
      postalCode: '12345',
      countryCode: 'US',
    },
    placedAt: DateTime.now(),
  })
  const lines: OrderLine[] = []
  for (const [index, line] of specs.entries()) {
    const variant = product.variants[index]
    lines.push(
      await OrderLine.create({
        orderId: order.id,
        variantId: variant.id,
        productId: product.id,
        sku: variant.sku,
        title: product.title,
        variantTitle: variant.title,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        total: line.quantity * line.unitPrice,
        taxAmount: 0,
      })
    )
  }
  await db.transaction((trx) =>
    inventory.reserve(
      specs.map((line, index) => ({ variantId: product.variants[index].id, quantity: line.quantity })),
      { orderId: order.id, expiresAt: DateTime.now().plus({ minutes: 30 }).toJSDate(), trx }
    )
  )
  return { order, lines, variants: product.variants }
}

/** The same, paid through the manual driver: open, payment paid, stock committed. */
export async function paidOrder(spec: OrderSpec = {}) {
  const placed = await pendingOrder(spec)
  await startPayment(placed.order, { actor: 'test' })
  await recordPaymentSucceeded({ provider: 'manual', orderId: placed.order.id, amount: placed.order.total })
  await placed.order.refresh()
  return placed
}

/** on_hand and reserved of a variant over all locations. */
export async function stockOf(variantId: number) {
  const [row] = await db.from('inventory_levels').where('variant_id', variantId).sum('on_hand as onHand').sum('reserved as reserved')
  return { onHand: Number(row.onHand ?? 0), reserved: Number(row.reserved ?? 0) }
}

export async function lineCounters(orderLineId: number) {
  const row = await db.from('order_lines').where('id', orderLineId).firstOrFail()
  return { fulfilled: Number(row.fulfilled_quantity), restocked: Number(row.restocked_quantity) }
}
