import { randomBytes } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import Address from '#models/address'
import Order, { orderAddressFromForm } from '#models/order'
import { currentCart, forgetGuestCart, signedInCustomer } from '#services/cart_session'
import { storefrontTraffic } from '#services/storefront_traffic'
import PriceCart from '#actions/cart/price_cart'
import PlaceOrder from '#actions/checkout/place_order'
import StartPayment from '#actions/payments/start_payment'
import { PaymentsPort } from '#plugin_host/extension_points/payments'
import { CheckoutChangedError, CheckoutOutOfStockError, EmptyCartError } from '#checkout/checkout_errors'
import {
  checkoutPricingInput,
  clearCheckoutState,
  readCheckoutState,
  saveCheckoutState,
} from '#checkout/checkout_state'
import {
  COUNTRIES,
  checkoutDetailsValidator,
  checkoutShippingValidator,
  checkoutSummaryValidator,
  placeOrderValidator,
  savedAddressValidator,
} from '#validators/checkout'

/**
 * Checkout in three server-rendered steps (details → shipping → review)
 * and the "Place order" POST. Totals are always computed here; the forms
 * carry choices, never amounts (the review's expected total is only
 * compared, never charged).
 */
export default class CheckoutController {
  /** Step 1: contact email and shipping address. */
  async details(ctx: HttpContext) {
    const loaded = await this.#load(ctx)
    if (!loaded) return
    const { cart, customer, state, priced } = loaded
    // the funnel's "checkout started": once per cart and session, however often step 1 is shown
    if (ctx.session.get('checkout_counted_cart') !== cart.id) {
      ctx.session.put('checkout_counted_cart', cart.id)
      storefrontTraffic.count('checkouts')
    }
    const savedAddresses = customer ? await Address.query().where('customer_id', customer.id).orderBy('id') : []
    return ctx.view.render('pages/storefront/checkout/details', {
      step: 'details',
      entered: state,
      customer,
      savedAddresses,
      countries: COUNTRIES,
      priced,
    })
  }

  async saveDetails(ctx: HttpContext) {
    const { request, response, session } = ctx
    const customer = await signedInCustomer(ctx)
    if (customer && request.input('address_id')) {
      const { email, address_id: addressId } = await request.validateUsing(savedAddressValidator)
      const saved = await Address.query().where('customer_id', customer.id).where('id', addressId).first()
      if (!saved) {
        session.flash('error', 'That saved address was not found. Choose another or enter one.')
        return response.redirect().toRoute('storefront.checkout.details')
      }
      saveCheckoutState(session, { email, address: saved.toOrderAddress(), shippingMethodId: null })
      return response.redirect().toRoute('storefront.checkout.shipping')
    }
    const details = await request.validateUsing(checkoutDetailsValidator)
    const previous = readCheckoutState(session)
    saveCheckoutState(session, {
      email: details.email,
      address: orderAddressFromForm(details),
      shippingMethodId: previous?.shippingMethodId ?? null,
    })
    return response.redirect().toRoute('storefront.checkout.shipping')
  }

  /** Step 2: shipping methods for the address, with the totals beside them. */
  async shipping(ctx: HttpContext) {
    const loaded = await this.#load(ctx, { needsDetails: true })
    if (!loaded) return
    const { state, priced } = loaded
    return ctx.view.render('pages/storefront/checkout/shipping', { step: 'shipping', entered: state, priced })
  }

  /** htmx: the order summary for another shipping choice, before it is saved. */
  async summary(ctx: HttpContext) {
    const { view, response, request } = ctx
    const [, query] = await checkoutSummaryValidator.tryValidate(request.all())
    const loaded = await this.#load(ctx, { shippingMethodId: query?.shipping_method_id })
    if (!loaded) return
    ctx.htmx.vary()
    if (ctx.htmx.isRequest) return view.render('partials/storefront/checkout_summary', { priced: loaded.priced })
    return response.redirect().toRoute('storefront.checkout.shipping')
  }

  async saveShipping(ctx: HttpContext) {
    const { request, response, session } = ctx
    const state = readCheckoutState(session)
    if (!state) return response.redirect().toRoute('storefront.checkout.details')
    const { shipping_method_id: methodId } = await request.validateUsing(checkoutShippingValidator)
    const loaded = await this.#load(ctx, { shippingMethodId: methodId })
    if (!loaded) return
    const { priced } = loaded
    if (!priced.shippingOptions.some((option) => option.id === methodId)) {
      session.flash('error', 'That shipping method is not available for your address. Choose one from the list.')
      return response.redirect().toRoute('storefront.checkout.shipping')
    }
    saveCheckoutState(session, { ...state, shippingMethodId: methodId })
    return response.redirect().toRoute('storefront.checkout.review')
  }

  /** Step 3: everything the order will be, priced on the server, and the Place order button. */
  async review(ctx: HttpContext) {
    const { view, response, session } = ctx
    const loaded = await this.#load(ctx, { needsDetails: true })
    if (!loaded) return
    const { state, priced } = loaded
    if (priced.requiresShipping && !priced.shippingMethod) {
      return response.redirect().toRoute('storefront.checkout.shipping')
    }
    return view.render('pages/storefront/checkout/review', {
      step: 'review',
      entered: state,
      priced,
      // A fresh token per review shown: the same form submitted twice places one order.
      checkoutToken: randomBytes(18).toString('base64url'),
      problems: session.flashMessages.get('checkoutProblems', []),
    })
  }

  /** Places the order, opens its payment and sends the shopper to pay (303). */
  @inject()
  async place(ctx: HttpContext, placeOrder: PlaceOrder, startPayment: StartPayment) {
    const { request, response, session } = ctx
    const { checkout_token: checkoutToken, expected_total: expectedTotal } = await request.validateUsing(placeOrderValidator)
    if (await this.#closedWithoutPayments(ctx)) return
    const state = readCheckoutState(session)
    if (!state) {
      // A double click whose first request already placed the order (and cleared the state).
      const placed = await Order.findBy('checkout_token', checkoutToken)
      if (placed) return toPayment(response, placed)
      return response.redirect().toRoute('storefront.checkout.details')
    }
    const cart = await currentCart(ctx)
    const customer = await signedInCustomer(ctx)
    const actor = customer ? `customer:${customer.id}` : 'guest'

    let result
    try {
      result = await placeOrder.handle({
        cartId: cart?.id ?? 0,
        checkoutToken,
        email: state.email,
        customerId: customer?.id ?? null,
        shippingAddress: state.address,
        shippingMethodId: state.shippingMethodId,
        expectedTotal,
        actor,
      })
    } catch (error) {
      if (error instanceof CheckoutOutOfStockError || error instanceof CheckoutChangedError) {
        session.flash('checkoutProblems', error.messages)
        return response.redirect().status(303).toRoute('storefront.checkout.review')
      }
      if (error instanceof EmptyCartError) return this.#emptyCart(ctx)
      throw error
    }

    clearCheckoutState(session)
    if (!customer) forgetGuestCart(ctx)
    const { order } = result
    try {
      // placeOrder just created or read this order: startPayment need not read it again
      await startPayment.handle(order, { actor, fresh: true })
    } catch (error) {
      // The order is placed either way; the payment page opens the payment again.
      logger.warn({ err: error, orderId: order.id }, 'could not start the payment right after placing the order')
    }
    return toPayment(response, order)
  }

  /**
   * The cart, what the shopper entered and the server's pricing of them,
   * for a checkout page (marked private). Answers undefined after sending
   * the shopper where they belong: the cart when it is empty, step 1 when
   * the details are missing.
   */
  async #load(ctx: HttpContext, options: { needsDetails?: boolean; shippingMethodId?: number } = {}) {
    const cart = await currentCart(ctx)
    if (!cart || cart.lines.length === 0) return void this.#emptyCart(ctx)
    if (await this.#closedWithoutPayments(ctx)) return
    const state = readCheckoutState(ctx.session)
    if (options.needsDetails && !state) return void ctx.response.redirect().toRoute('storefront.checkout.details')
    const customer = await signedInCustomer(ctx)
    const priced = await (await app.container.make(PriceCart)).handle(checkoutPricingInput(cart, state, customer?.id ?? null, options.shippingMethodId))
    const blocking = priced.messages.filter((message) => message.blocksCheckout)
    if (blocking.length) {
      ctx.session.flash('error', blocking.map((message) => message.text).join(' '))
      return void ctx.response.redirect().status(303).toRoute('storefront.cart.show')
    }
    privatePage(ctx.response)
    return { cart, state, customer, priced }
  }

  /**
   * Without a payment plugin an order could be placed but never paid: checkout
   * sends the shopper back to the cart saying so (true when it did).
   */
  async #closedWithoutPayments({ response, session }: HttpContext) {
    if ((await app.container.make(PaymentsPort)).names().length) return false
    session.flash('error', 'Checkout is closed: payments are not configured on this store.')
    response.redirect().status(303).toRoute('storefront.cart.show')
    return true
  }

  #emptyCart({ response, session }: HttpContext) {
    session.flash('notice', 'Your cart is empty. Add something before checking out.')
    return response.redirect().status(303).toPath('/cart')
  }
}

/** The next step after placing an order: its payment page (303, the POST is done). */
function toPayment(response: HttpContext['response'], order: Order) {
  return response.redirect().status(303).toRoute('storefront.orders.pay', { token: order.publicToken })
}

/** Checkout pages are personal: never stored by a browser or a CDN. */
function privatePage(response: HttpContext['response']) {
  response.header('Cache-Control', 'private, no-store')
}
