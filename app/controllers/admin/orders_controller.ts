import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import OrdersPolicy from '#policies/orders_policy'
import { fieldErrors } from '#controllers/admin/form_errors'
import { filtersFrom } from '#controllers/admin/query_filters'
import { staffActor } from '#services/actor'
import { listAdminOrders, queryValues } from '#queries/admin_orders_query'
import { orderDetail, describeEvent, orderTags } from '#queries/admin_order_detail_query'
import { orderViewsOf } from '#queries/saved_order_views_query'
import AddOrderNote from '#actions/orders/add_order_note'
import MarkOrderDelivered from '#actions/orders/mark_order_delivered'
import MarkOrderPacked, { OrderNotPackableError } from '#actions/orders/mark_order_packed'
import { InvalidOrderTransitionError, OrderChangedError } from '#models/order_transitions'
import {
  FULFILLMENT_STATUSES,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  noteValidator,
  orderFiltersValidator,
  orderSorts,
} from '#validators/admin_order'

const LIST_PATH = '/admin/orders'

export type OrderFormErrors = Partial<Record<'refund' | 'cancel' | 'fulfill' | 'note' | 'address', Record<string, string>>>

/** Admin › Orders: the list, the order page, its packing slip, notes, "packed" and "delivered". */
export default class OrdersController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(OrdersPolicy).authorize('read')
    const { filters } = await filtersFrom(ctx.request, orderFiltersValidator)
    const [orders, abilities] = await Promise.all([listAdminOrders(filters, LIST_PATH), ordersAbilities(ctx)])
    const { page: _page, ...kept } = filters
    const form = queryValues(kept)
    const filterQuery = new URLSearchParams(form).toString()
    return ctx.htmx.render(
      'pages/admin/orders/index',
      'pages/admin/orders/_table',
      { orders, form, abilities, filterQuery },
      {
        pageData: async () => ({
          savedViews: await orderViewsOf(ctx.auth.use('staff').user!.id),
          statuses: ORDER_STATUSES,
          paymentStatuses: PAYMENT_STATUSES,
          fulfillmentStatuses: FULFILLMENT_STATUSES,
          sorts: orderSorts,
          sortLabels,
        }),
      }
    )
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(OrdersPolicy).authorize('read')
    return renderOrderPage(ctx, Number(ctx.params.id))
  }

  async packingSlip({ bouncer, params, view }: HttpContext) {
    await bouncer.with(OrdersPolicy).authorize('read')
    return view.render('pages/admin/orders/packing_slip', await orderDetail(Number(params.id)))
  }

  async note(ctx: HttpContext) {
    const { params, request, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('work')
    const [error, input] = await noteValidator.tryValidate(request.all())
    if (error) return renderOrderPage(ctx, Number(params.id), { note: fieldErrors(error) }, 422)
    await (await app.container.make(AddOrderNote)).handle(Number(params.id), input.body, staffActor(ctx))
    session.flash('notice', 'Note added')
    return response.redirect().status(303).toPath(`${LIST_PATH}/${params.id}#timeline`)
  }

  async pack(ctx: HttpContext) {
    const { params, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('fulfill')
    try {
      const { packed } = await (await app.container.make(MarkOrderPacked)).handle(Number(params.id), staffActor(ctx))
      session.flash('notice', packed ? 'Order marked as packed' : 'This order was already marked as packed')
    } catch (caught) {
      if (!(caught instanceof OrderNotPackableError)) throw caught
      session.flash('error', caught.message)
    }
    return response.redirect().status(303).toPath(`${LIST_PATH}/${params.id}`)
  }

  async deliver(ctx: HttpContext) {
    const { params, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('fulfill')
    try {
      await (await app.container.make(MarkOrderDelivered)).handle(Number(params.id), staffActor(ctx))
      session.flash('notice', 'Order marked as delivered')
    } catch (caught) {
      if (!(caught instanceof InvalidOrderTransitionError) && !(caught instanceof OrderChangedError)) throw caught
      session.flash('error', 'Only a fully fulfilled order can be marked as delivered.')
    }
    return response.redirect().status(303).toPath(`${LIST_PATH}/${params.id}`)
  }
}

/** The order page, with the inline errors and typed values of a refused form. */
export async function renderOrderPage(
  ctx: HttpContext,
  orderId: number,
  errors: OrderFormErrors = {},
  status = 200,
  old: Record<string, unknown> = {}
) {
  const [detail, abilities, tags] = await Promise.all([orderDetail(orderId), ordersAbilities(ctx), orderTags(orderId)])
  ctx.response.status(status)
  return ctx.view.render('pages/admin/orders/show', { ...detail, abilities, tags, errors, old, describeEvent })
}

const sortLabels: Record<(typeof orderSorts)[number], string> = {
  '-placed': 'Newest first',
  'placed': 'Oldest first',
  '-total': 'Total, high to low',
  'total': 'Total, low to high',
  '-number': 'Number, high to low',
  'number': 'Number, low to high',
}

/** What the signed-in staff member may do on order pages, for showing buttons. */
export async function ordersAbilities({ bouncer }: Pick<HttpContext, 'bouncer'>) {
  const orders = bouncer.with(OrdersPolicy)
  const [refund, fulfill] = await Promise.all([orders.allows('refund'), orders.allows('fulfill')])
  return { refund, fulfill, note: refund || fulfill }
}
