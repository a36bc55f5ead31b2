import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import OrdersPolicy from '#policies/orders_policy'
import { staffActor } from '#services/actor'
import { orderFiltersValidator, savedViewValidator } from '#validators/admin_order'
import { queryValues } from '#queries/admin_orders_query'
import SaveOrderView from '#actions/orders/save_order_view'
import DeleteOrderView from '#actions/orders/delete_order_view'

/** Admin › Orders › saved views: each staff member's named filter sets. */
export default class OrderViewsController {
  async store(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('read')
    const [error, input] = await savedViewValidator.tryValidate(request.all())
    if (error) {
      session.flash('error', 'Name the view (up to 60 characters).')
      return response.redirect().status(303).toPath('/admin/orders')
    }
    // only filters the list understands are kept, in its own spelling
    const params = Object.fromEntries(new URLSearchParams(input.query ?? '').entries())
    const [invalid, filters] = await orderFiltersValidator.tryValidate(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '')))
    if (invalid) {
      session.flash('error', 'Those filters are not valid; adjust them and save again.')
      return response.redirect().status(303).toPath('/admin/orders')
    }
    const { page: _page, ...kept } = filters
    const query = new URLSearchParams(queryValues(kept)).toString()
    await (await app.container.make(SaveOrderView)).handle(auth.use('staff').user!.id, input.name, query, staffActor(ctx))
    session.flash('notice', `View “${input.name}” saved`)
    return response.redirect().status(303).toPath(`/admin/orders${query ? `?${query}` : ''}`)
  }

  async destroy(ctx: HttpContext) {
    const { auth, params, response, session } = ctx
    await ctx.bouncer.with(OrdersPolicy).authorize('read')
    const deleted = await (await app.container.make(DeleteOrderView)).handle(auth.use('staff').user!.id, Number(params.id), staffActor(ctx))
    if (!deleted) return response.notFound('No such saved view')
    session.flash('notice', 'View deleted')
    return response.redirect().status(303).toPath('/admin/orders')
  }
}
