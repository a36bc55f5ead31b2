import { randomBytes, randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import { ProductFactory } from '#database/factories/product_factory'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

/**
 * An unpaid order of `quantity` units of a fresh variant with 10 in stock,
 * its stock reserved as checkout would. Built with the models directly so
 * these tests do not depend on the place-order action.
 */
export async function createPendingOrder(options: { unitPrice?: number; quantity?: number } = {}) {
  const inventory = await app.container.make(InventoryPort)
  const unitPrice = options.unitPrice ?? 2500
  const quantity = options.quantity ?? 2
  const product = await ProductFactory.with('variants', 1).create()
  const variant = product.variants[0]
  await inventory.adjust({ variantId: variant.id, delta: 10, reason: 'received', actor: 'test' })

  const total = unitPrice * quantity
  const order = await Order.create({
    // Far above what the number allocator hands out, and random, so runs sharing a database never collide.
    number: randomInt(100_000_000, 2_000_000_000),
    publicToken: randomBytes(24).toString('base64url'),
    email: `payer-${randomBytes(4).toString('hex')}@example.com`,
    currency: 'USD',
    status: 'pending',
    paymentStatus: 'pending',
    fulfillmentStatus: 'unfulfilled',
    subtotal: total,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    total,
    placedAt: DateTime.now(),
  })
  await OrderLine.create({
    orderId: order.id,
    variantId: variant.id,
    productId: product.id,
    sku: variant.sku,
    title: product.title,
    variantTitle: variant.title,
    quantity,
    unitPrice,
    total,
    taxAmount: 0,
  })
  await db.transaction((trx) =>
    inventory.reserve([{ variantId: variant.id, quantity }], {
      orderId: order.id,
      expiresAt: DateTime.now().plus({ minutes: 30 }).toJSDate(),
      trx,
    })
  )
  return { order, variant }
}

/** on_hand and reserved of a variant over all locations. */
export async function stockOf(variantId: number) {
  const [row] = await db
    .from('inventory_levels')
    .where('variant_id', variantId)
    .sum('on_hand as onHand')
    .sum('reserved as reserved')
  return { onHand: Number(row.onHand ?? 0), reserved: Number(row.reserved ?? 0) }
}

export async function orderEventTypes(orderId: number) {
  const rows = await db.from('order_events').where('order_id', orderId).orderBy('id')
  return rows.map((row) => row.type as string)
}
