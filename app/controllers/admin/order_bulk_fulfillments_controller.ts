import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import OrdersPolicy from '#policies/orders_policy'
import { staffActor } from '#services/actor'
import { orderFiltersValidator, bulkFulfillValidator } from '#validators/admin_order'
import { queryValues } from '#queries/admin_orders_query'
import { filtersFrom } from '#controllers/admin/query_filters'
import { bulkOperation } from '#queries/bulk_operation_query'
import StartBulkFulfillment from '#actions/orders/start_bulk_fulfillment'
import type { FulfillmentSelection } from '#queries/fulfillment_selection_query'
import { plural } from '#services/plural'
import runtime from '#config/runtime'

/** Admin › Orders › bulk fulfillment: start one from the list, then watch it. */
export default class OrderBulkFulfillmentsController {
  @inject()
  async store(ctx: HttpContext, startBulkFulfillment: StartBulkFulfillment) {
    const { request, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('fulfill')
    const body = request.all()
    const ids = body.order_ids === undefined ? undefined : [body.order_ids].flat()
    const [error, input] = await bulkFulfillValidator.tryValidate({ ...body, order_ids: ids })
    const back = `/admin/orders${request.parsedUrl.search ?? ''}`
    if (error) {
      session.flash('error', 'Choose up to 500 orders, or all orders matching the filter, and a carrier of at most 64 characters.')
      return response.redirect().status(303).toPath(back)
    }
    let selection: FulfillmentSelection
    if (input.scope === 'selected') {
      if (!input.order_ids?.length) {
        session.flash('error', 'Tick the orders to fulfil first.')
        return response.redirect().status(303).toPath(back)
      }
      selection = { orderIds: [...new Set(input.order_ids)] }
    } else {
      const { filters } = await filtersFrom(request, orderFiltersValidator)
      const { page: _page, sort: _sort, ...kept } = filters
      selection = { filters: queryValues(kept) }
    }
    const { id, total } = await startBulkFulfillment.handle(selection, { carrier: input.carrier ?? null }, staffActor(ctx))
    session.flash('notice', `Fulfilling ${plural(total, 'order')} in the background`)
    return response.redirect().status(303).toPath(`/admin/orders/bulk-fulfillments/${id}`)
  }

  /** The progress page; under htmx polling, just the progress fragment (which stops polling once finished). */
  async show(ctx: HttpContext) {
    const { htmx, params, response } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('read')
    const operation = await bulkOperation(Number(params.id))
    if (!operation) return response.notFound('No such bulk fulfillment')
    response.header('Cache-Control', 'no-store')
    return htmx.render('pages/admin/orders/bulk_fulfillment', 'pages/admin/orders/_bulk_progress', { operation, jobsInProcess: runtime.jobsInProcess })
  }
}
