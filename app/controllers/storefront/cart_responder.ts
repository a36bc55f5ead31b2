import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type Cart from '#models/cart'
import ReconcileCart from '#actions/cart/reconcile_cart'
import { formatMoney, storeCurrency } from '#services/money'

/** The id of the cart fragment: cart forms target it, GET /cart answers it for htmx. */
export const CART_TARGET = 'cart'

/**
 * The id of the cart drawer's content (store layout): GET /cart answers it for
 * htmx aimed there, and the drawer's forms target it, so a change made in the
 * drawer answers with the drawer again.
 */
export const CART_DRAWER_TARGET = 'cart-drawer-content'

interface Feedback {
  notice?: string
  error?: string
  /** inline errors by field: code, countryCode, shippingMethodId */
  errors?: Record<string, string>
}

/**
 * The cart page, or for htmx just the cart fragment. Pricing runs (and the
 * stored cart is reconciled) on every render, so what the shopper sees is
 * always current. Private: never cached by anyone.
 */
export async function renderCart({ htmx, request, response, view, session }: HttpContext, cart: Cart | null, feedback: Feedback = {}) {
  htmx.vary('HX-Request', 'HX-Target')
  response.header('Cache-Control', 'private, no-store')
  const priced = cart && cart.lines.length ? await (await app.container.make(ReconcileCart)).handle(cart) : null
  const state = {
    cart,
    priced,
    errors: feedback.errors ?? (session.flashMessages.get('cartErrors') as Record<string, string> | undefined) ?? {},
    // A plugin step may hold the cart back (an order minimum): its message says why.
    canCheckOut: Boolean(priced?.lines.some((line) => line.quantity > 0) && !priced.messages.some((message) => message.blocksCheckout)),
    notice: feedback.notice ?? null,
    error: feedback.error ?? null,
    money: (amount: number) => formatMoney(amount, priced?.currency ?? cart?.currency ?? storeCurrency),
  }
  // The drawer's content for htmx aimed at the drawer; the cart fragment for other htmx changes
  // (POST) and GETs aimed at the cart; a boosted link still gets the page.
  if (htmx.wantsFragment(CART_DRAWER_TARGET)) {
    return view.render('pages/storefront/cart/_drawer', { ...state, cartTarget: CART_DRAWER_TARGET })
  }
  const fragment = htmx.isRequest && (request.method() !== 'GET' || htmx.target === CART_TARGET)
  if (fragment) return view.render('pages/storefront/cart/_cart', { ...state, cartTarget: CART_TARGET })
  return view.render('pages/storefront/cart/show', { ...state, cartTarget: CART_TARGET })
}

/**
 * After a change: htmx gets the fresh cart fragment and a `cart-changed`
 * event (the header mini-cart listens for it); a plain form post is
 * redirected (303) to the cart page with a flash message.
 */
export async function respondToCartChange(ctx: HttpContext, feedback: Feedback) {
  const { htmx, response, session } = ctx
  if (htmx.isRequest) {
    response.header('HX-Trigger', 'cart-changed')
    const { currentCart } = await import('#services/cart_session')
    return renderCart(ctx, await currentCart(ctx), feedback)
  }
  if (feedback.notice) session.flash('notice', feedback.notice)
  if (feedback.error) session.flash('error', feedback.error)
  if (feedback.errors) session.flash('cartErrors', feedback.errors)
  return response.redirect().status(303).toPath('/cart')
}
