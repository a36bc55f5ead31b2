import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import AddToCart from '#actions/cart/add_to_cart'
import UpdateCartLine from '#actions/cart/update_cart_line'
import RemoveCartLine from '#actions/cart/remove_cart_line'
import ApplyDiscountCode from '#actions/cart/apply_discount_code'
import SetShippingDestination from '#actions/cart/set_shipping_destination'
import ChooseShippingMethod from '#actions/cart/choose_shipping_method'
import PriceCart from '#actions/cart/price_cart'
import { CartInputError } from '#cart/cart_errors'
import { cartPricingInput, currentCart } from '#services/cart_session'
import { isCrossSiteRequest } from '#services/request_origin'
import { storeCurrency } from '#services/money'
import { renderCart, respondToCartChange } from '#controllers/storefront/cart_responder'
import {
  addToCartValidator,
  discountCodeValidator,
  shippingEstimateValidator,
  shippingMethodValidator,
  updateCartLineValidator,
} from '#validators/cart'

/** The cart page, its htmx fragments and every change a shopper makes to the cart. */
export default class CartController {
  async show(ctx: HttpContext) {
    return renderCart(ctx, await currentCart(ctx))
  }

  /** Header mini-cart: item count and subtotal, loaded by htmx on every page. Never changes the cart. */
  @inject()
  async mini(ctx: HttpContext, priceCart: PriceCart) {
    const { htmx, view } = ctx
    const cart = await currentCart(ctx)
    const priced = cart?.lines.length ? await priceCart.handle(cartPricingInput(cart)) : null
    htmx.vary()
    return view.render('pages/storefront/cart/_mini', {
      count: priced ? priced.lines.reduce((sum, line) => sum + line.quantity, 0) : 0,
      subtotal: priced?.subtotal ?? 0,
      currency: priced?.currency ?? storeCurrency,
    })
  }

  /**
   * Product page › Add to cart. Exempt from the session CSRF token (the
   * product page is a shared cached page without one, see config/shield.ts);
   * cross-site posts are refused by origin instead.
   */
  @inject()
  async addLine(ctx: HttpContext, addToCart: AddToCart) {
    const { request, response, session, view } = ctx
    if (isCrossSiteRequest(request)) return response.forbidden('Adding to the cart from another site is not allowed.')
    const [error, input] = await addToCartValidator.tryValidate(request.all())
    if (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      return refuseAdd(ctx, 'Choose an option and a quantity between 1 and 99.')
    }
    try {
      const cart = (await currentCart(ctx, { create: true }))!
      const variant = await addToCart.handle(cart, input)
      await variant.load('product')
      const name = variant.product.title
      if (ctx.htmx.isRequest) {
        response.header('HX-Trigger', 'cart-changed')
        return view.render('pages/storefront/cart/_added', { name, quantity: input.quantity ?? 1 })
      }
      session.flash('notice', `Added ${name} to your cart.`)
      return response.redirect().status(303).toPath('/cart')
    } catch (caught) {
      if (caught instanceof CartInputError) return refuseAdd(ctx, caught.message)
      throw caught
    }
  }

  @inject()
  async updateLine(ctx: HttpContext, updateCartLine: UpdateCartLine) {
    const [error, input] = await updateCartLineValidator.tryValidate(ctx.request.all())
    if (error) return respondToCartChange(ctx, { error: 'Enter a quantity between 0 and 99.' })
    return change(ctx, async (cart) => {
      await updateCartLine.handle(cart, Number(ctx.params.variantId), input.quantity)
      return input.quantity === 0 ? 'Item removed.' : 'Quantity updated.'
    })
  }

  @inject()
  async removeLine(ctx: HttpContext, removeCartLine: RemoveCartLine) {
    return change(ctx, async (cart) => {
      await removeCartLine.handle(cart, Number(ctx.params.variantId))
      return 'Item removed.'
    })
  }

  @inject()
  async applyDiscount(ctx: HttpContext, applyDiscountCode: ApplyDiscountCode) {
    const [error, input] = await discountCodeValidator.tryValidate(ctx.request.all())
    if (error) return respondToCartChange(ctx, { errors: { code: 'Enter a code of letters and digits.' } })
    return change(ctx, async (cart) => {
      const discount = await applyDiscountCode.handle(cart, input.code)
      return `Code ${discount!.code} applied.`
    })
  }

  @inject()
  async removeDiscount(ctx: HttpContext, applyDiscountCode: ApplyDiscountCode) {
    return change(ctx, async (cart) => {
      await applyDiscountCode.handle(cart, null)
      return 'Code removed.'
    })
  }

  @inject()
  async estimateShipping(ctx: HttpContext, setShippingDestination: SetShippingDestination) {
    const [error, input] = await shippingEstimateValidator.tryValidate(ctx.request.all())
    if (error) return respondToCartChange(ctx, { errors: { countryCode: 'Choose a country from the list.' } })
    return change(ctx, async (cart) => {
      await setShippingDestination.handle(cart, input)
      return 'Shipping estimate updated.'
    })
  }

  @inject()
  async chooseShipping(ctx: HttpContext, chooseShippingMethod: ChooseShippingMethod) {
    const [error, input] = await shippingMethodValidator.tryValidate(ctx.request.all())
    if (error) return respondToCartChange(ctx, { errors: { shippingMethodId: 'Choose a shipping method.' } })
    return change(ctx, async (cart) => {
      await chooseShippingMethod.handle(cart, input.shippingMethodId)
      return 'Shipping method chosen.'
    })
  }
}

/** Runs a change on the shopper's existing cart and answers with the cart (htmx) or a redirect. */
async function change(ctx: HttpContext, apply: (cart: NonNullable<Awaited<ReturnType<typeof currentCart>>>) => Promise<string>) {
  const cart = await currentCart(ctx)
  if (!cart) return respondToCartChange(ctx, { error: 'Your cart is empty.' })
  try {
    return respondToCartChange(ctx, { notice: await apply(cart) })
  } catch (caught) {
    if (!(caught instanceof CartInputError)) throw caught
    return respondToCartChange(ctx, caught.field ? { errors: { [caught.field]: caught.message } } : { error: caught.message })
  }
}

async function refuseAdd({ htmx, response, session, view }: HttpContext, message: string) {
  // htmx swaps only 2xx answers: the refusal comes back as a 200 fragment with the message.
  if (htmx.isRequest) {
    return view.render('pages/storefront/cart/_added', { error: message })
  }
  session.flash('error', message)
  return response.redirect().status(303).toPath('/cart')
}
