import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { denyOrdersAccess } from '#policies/orders_policy'
import { staffActor } from '#services/actor'
import { orderFiltersValidator, bulkFulfillValidator } from '#validators/admin_order'
import { queryValues } from '#queries/admin_orders_query'
import { bulkOperation } from '#queries/bulk_operation_query'
import StartBulkFulfillment from '#actions/orders/start_bulk_fulfillment'
import type { FulfillmentSelection } from '#queries/fulfillment_selection_query'

/** Admin › Orders › bulk fulfillment: start one from the list, then watch it. */
export default class OrderBulkFulfillmentsController {
  @inject()
  async store(ctx: HttpContext, startBulkFulfillment: StartBulkFulfillment) {
    const { request, response, session } = ctx
    if (await denyOrdersAccess(ctx, 'fulfill')) return
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
      const [, filters] = await orderFiltersValidator.tryValidate(withoutBlanks(request.qs()))
      const { page: _page, sort: _sort, ...kept } = filters ?? {}
      selection = { filters: queryValues(kept) }
    }
    const { id, total } = await startBulkFulfillment.handle(selection, { carrier: input.carrier ?? null }, staffActor(ctx))
    session.flash('notice', `Fulfilling ${total} order(s) in the background`)
    return response.redirect().status(303).toPath(`/admin/orders/bulk-fulfillments/${id}`)
  }

  /** The progress page; under htmx polling, just the progress fragment (which stops polling once finished). */
  async show(ctx: HttpContext) {
    const { params, request, response, view } = ctx
    if (await denyOrdersAccess(ctx, 'read')) return
    const operation = await bulkOperation(Number(params.id))
    if (!operation) return response.notFound('No such bulk fulfillment')
    response.header('Vary', 'HX-Request')
    response.header('Cache-Control', 'no-store')
    if (request.header('hx-request')) return view.render('pages/admin/orders/_bulk_progress', { operation })
    return view.render('pages/admin/orders/bulk_fulfillment', { operation })
  }
}

function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== '' && value !== null))
}
