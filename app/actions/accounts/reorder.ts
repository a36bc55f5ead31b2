import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import Order from '#models/order'
import Variant from '#models/variant'
import type Customer from '#models/customer'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { currentCart } from '#services/cart_session'
import AddToCart from '#actions/cart/add_to_cart'
import { CartInputError } from '#cart/cart_errors'

export interface ReorderReport {
  added: string[]
  skipped: string[]
}

/**
 * Puts the items of one of the customer's past orders back in their cart
 * at today's prices, through the cart's own action. Variants that are gone,
 * unpublished, sold out or priced in another currency than the cart are
 * skipped and named. Answers null when the order is not the customer's.
 */
@inject()
export default class Reorder {
  constructor(
    private inventory: InventoryPort,
    private addToCart: AddToCart
  ) {}

  async handle(ctx: HttpContext, customer: Customer, publicToken: string): Promise<ReorderReport | null> {
    const order = await Order.query().where('public_token', publicToken).where('customer_id', customer.id).preload('lines').first()
    if (!order) return null

    const report: ReorderReport = { added: [], skipped: [] }
    const variantIds = order.lines.map((line) => line.variantId).filter((id): id is number => id !== null)
    const variants = new Map((await Variant.query().whereIn('id', variantIds)).map((variant) => [variant.id, variant]))
    const available = variantIds.length ? await this.inventory.available(variantIds) : new Map()
    const cart = (await currentCart(ctx, { create: true }))!

    for (const line of order.lines) {
      const name = line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title
      const variant = line.variantId ? variants.get(line.variantId) : undefined
      const soldOut = variant?.trackInventory && variant.inventoryPolicy !== 'continue' && (available.get(variant.id) ?? 0) <= 0
      if (!variant || soldOut) {
        report.skipped.push(name)
        continue
      }
      try {
        await this.addToCart.handle(cart, { variantId: variant.id, quantity: line.quantity })
        report.added.push(name)
      } catch (error) {
        if (!(error instanceof CartInputError)) throw error
        report.skipped.push(name)
      }
    }
    return report
  }
}
