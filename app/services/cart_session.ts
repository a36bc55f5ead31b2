import { randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import Cart from '#models/cart'
import type Customer from '#models/customer'
import type { PricingInput } from '#plugin_host/extension_points/pricing'
import { dbTimestamp } from '#services/db_time'
import { storefrontTraffic } from '#services/storefront_traffic'

/**
 * The guest cart cookie: an unguessable token (32 random bytes), encrypted
 * with the app key so it cannot be read or forged, HttpOnly (no script sees
 * it), SameSite=Lax (not sent on cross-site POSTs) and Secure in production.
 */
export const CART_COOKIE = 'stockroom_cart'
const CART_COOKIE_OPTIONS = { httpOnly: true, sameSite: 'lax' as const, secure: app.inProduction, path: '/', maxAge: '30d' }

export function newCartToken() {
  return randomBytes(32).toString('base64url')
}

/** The signed-in shopper (customer guard), if any; never a staff member. */
export async function signedInCustomer(ctx: HttpContext): Promise<Customer | null> {
  const guard = ctx.auth.use('customer')
  if (guard.isAuthenticated) return guard.user ?? null
  return (await guard.check()) ? (guard.user ?? null) : null
}

/**
 * The shopper's cart with its lines, or null when there is none and
 * `create` is false. Signed-in customers get their own cart; guests the one
 * their cookie names (never a customer's cart, even with that cart's token).
 */
export async function currentCart(ctx: HttpContext, options: { create?: boolean } = {}): Promise<Cart | null> {
  const customer = await signedInCustomer(ctx)
  if (customer) {
    const cart = await Cart.query().where('customer_id', customer.id).orderBy('updated_at', 'desc').orderBy('id', 'desc').preload('lines').first()
    if (cart || !options.create) return cart
    const created = await Cart.create({ token: newCartToken(), customerId: customer.id, email: customer.email })
    storefrontTraffic.count('carts')
    await created.load('lines')
    return created
  }

  const cart = await guestCart(ctx)
  if (cart || !options.create) return cart
  const created = await Cart.create({ token: newCartToken() })
  storefrontTraffic.count('carts')
  ctx.response.encryptedCookie(CART_COOKIE, created.token, CART_COOKIE_OPTIONS)
  await created.load('lines')
  return created
}

/** The cart the guest cookie points to, if it exists and belongs to no customer. */
export async function guestCart(ctx: HttpContext): Promise<Cart | null> {
  const token = ctx.request.encryptedCookie(CART_COOKIE)
  if (typeof token !== 'string' || !token) return null
  return Cart.query().where('token', token).whereNull('customer_id').preload('lines').first()
}

export function forgetGuestCart(ctx: HttpContext) {
  ctx.response.clearCookie(CART_COOKIE, { path: '/' })
}

/** What the pricing pipeline needs to know about a stored cart. */
export function cartPricingInput(cart: Cart): PricingInput {
  return {
    currency: cart.currency,
    lines: (cart.lines ?? []).map((line) => ({
      variantId: line.variantId,
      quantity: line.quantity,
      unitPriceAtAdd: line.unitPriceAtAdd,
    })),
    discountCode: cart.discountCode,
    customerId: cart.customerId,
    email: cart.email,
    shippingAddress: cart.shippingCountry
      ? { countryCode: cart.shippingCountry, region: cart.shippingRegion, postalCode: cart.shippingPostalCode }
      : null,
    shippingMethodId: cart.shippingMethodId,
  }
}

/** Saves pending cart changes, marks it changed (cleanup of abandoned carts goes by updated_at), reloads its lines. */
export async function touchCart(cart: Cart) {
  if (cart.$isDirty) await cart.save()
  else await Cart.query().where('id', cart.id).update({ updated_at: dbTimestamp() })
  await cart.load('lines')
}
