import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { orderAddressFromForm } from '#models/order'
import OrdersPolicy from '#policies/orders_policy'
import { staffActor } from '#services/actor'
import { addressValidator } from '#validators/account'
import { orderTagValidator, pickListValidator } from '#validators/admin_order'
import TagOrder from '#actions/orders/tag_order'
import UpdateShippingAddress, { AddressLockedError } from '#actions/orders/update_shipping_address'
import { pickList } from '#queries/pick_list_query'
import { renderOrderPage } from '#controllers/admin/orders_controller'
import { fieldErrors } from '#controllers/admin/form_errors'

/** Admin › Orders › #number: tags, the shipping address before shipment, and pick lists. */
export default class OrderDetailsController {
  async tag(ctx: HttpContext) {
    return this.#setTag(ctx, true)
  }

  async untag(ctx: HttpContext) {
    return this.#setTag(ctx, false)
  }

  async updateAddress(ctx: HttpContext) {
    const { params, request, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('work')
    const orderId = Number(params.id)
    const [error, input] = await addressValidator.tryValidate(request.all())
    if (error) return renderOrderPage(ctx, orderId, { address: fieldErrors(error) }, 422, request.all())
    try {
      await (await app.container.make(UpdateShippingAddress)).handle(orderId, orderAddressFromForm(input), staffActor(ctx))
      session.flash('notice', 'Shipping address updated')
    } catch (caught) {
      if (!(caught instanceof AddressLockedError)) throw caught
      session.flash('error', caught.message)
    }
    return response.redirect().status(303).toPath(`/admin/orders/${orderId}`)
  }

  /** GET with `order_ids[]` (from the list's ticked orders or an order page): a printable page. */
  async pickList(ctx: HttpContext) {
    const { request, response, session, view } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('read')
    const raw = request.qs().order_ids
    const [error, input] = await pickListValidator.tryValidate({ order_ids: raw === undefined ? [] : [raw].flat() })
    if (error || !input.order_ids.length) {
      // nothing went wrong: the button was pressed before any order was ticked
      session.flash('hint', 'Tick the orders (up to 500) whose pick list you want, then press Pick list for selected.')
      return response.redirect().status(303).toPath('/admin/orders')
    }
    return view.render('pages/admin/orders/pick_list', await pickList([...new Set(input.order_ids)]))
  }

  async #setTag(ctx: HttpContext, present: boolean) {
    const { params, request, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('work')
    const orderId = Number(params.id)
    const [error, input] = await orderTagValidator.tryValidate(request.all())
    if (error) {
      session.flash('error', 'A tag is 1 to 40 lowercase letters, digits, spaces or dashes.')
    } else {
      await (await app.container.make(TagOrder)).handle(orderId, input.tag, present, staffActor(ctx))
    }
    return response.redirect().status(303).toPath(`/admin/orders/${orderId}#tags`)
  }
}
