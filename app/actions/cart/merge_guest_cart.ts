import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Cart from '#models/cart'
import type Customer from '#models/customer'
import { forgetGuestCart, guestCart } from '#services/cart_session'
import { dbTimestamp } from '#services/db_time'
import { upsertCartLine } from '#cart/cart_lines'

/**
 * Right after a customer signs in: the guest cart becomes theirs. With no
 * cart of their own it is simply handed over; otherwise its lines are added
 * to their cart (quantities summed, capped) and it is deleted. The guest
 * cookie is cleared either way, so signing out never shows the customer's
 * cart to the next person on the device. Returns the customer's cart.
 */
export default class MergeGuestCart {
  async handle(ctx: HttpContext, customer: Customer): Promise<Cart | null> {
    const guest = await guestCart(ctx)
    forgetGuestCart(ctx)
    const own = await Cart.query().where('customer_id', customer.id).orderBy('updated_at', 'desc').orderBy('id', 'desc').first()
    if (!guest) return own

    await db.transaction(async (trx) => {
      const now = dbTimestamp(trx)
      if (!own) {
        await trx.from('carts').where('id', guest.id).update({ customer_id: customer.id, email: guest.email ?? customer.email, updated_at: now })
        return
      }
      for (const line of guest.lines) {
        await upsertCartLine(trx, { cartId: own.id, variantId: line.variantId, quantity: line.quantity, unitPrice: line.unitPriceAtAdd })
      }
      await trx.from('carts').where('id', own.id).update({
        discount_code: own.discountCode ?? guest.discountCode,
        shipping_country: own.shippingCountry ?? guest.shippingCountry,
        shipping_region: own.shippingCountry ? own.shippingRegion : guest.shippingRegion,
        shipping_postal_code: own.shippingCountry ? own.shippingPostalCode : guest.shippingPostalCode,
        updated_at: now,
      })
      await trx.from('carts').where('id', guest.id).delete()
    })
    return Cart.query().where('customer_id', customer.id).orderBy('updated_at', 'desc').orderBy('id', 'desc').preload('lines').first()
  }
}
