import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { staffActor } from '#services/actor'
import CustomersPolicy from '#policies/customers_policy'
import { editAccess } from '#policies/edit_access'
import OrdersPolicy from '#policies/orders_policy'
import { filtersFrom } from '#controllers/admin/query_filters'
import { listAdminCustomers } from '#queries/admin_customers_query'
import { customerDetail } from '#queries/admin_customer_detail_query'
import SetCustomerTags, { CustomerTagsRefused } from '#actions/customers/set_customer_tags'
import AddCustomerNote from '#actions/customers/add_customer_note'
import DeleteCustomerNote from '#actions/customers/delete_customer_note'
import { customerFiltersValidator, customerNoteValidator, customerSorts, customerTagsValidator } from '#validators/admin_customer'

const LIST_PATH = '/admin/customers'

type CustomerForm = 'tags' | 'note'

/** Admin › Customers: the list, one customer's page, their tags and notes. */
export default class CustomersController {
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(CustomersPolicy).authorize('read')
    const { filters } = await filtersFrom(request, customerFiltersValidator)
    const customers = await listAdminCustomers(filters, LIST_PATH)
    const { page: _page, ...form } = filters
    return htmx.render('pages/admin/customers/index', 'pages/admin/customers/_table', { customers, form }, { pageData: () => ({ sorts: customerSorts, sortLabels }) })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(CustomersPolicy).authorize('read')
    return renderCustomerPage(ctx, Number(ctx.params.id))
  }

  async updateTags(ctx: HttpContext) {
    await ctx.bouncer.with(CustomersPolicy).authorize('write')
    const customerId = Number(ctx.params.id)
    try {
      const { tags } = await customerTagsValidator.validate(ctx.request.only(['tags']))
      if ((await (await app.container.make(SetCustomerTags)).handle(customerId, tags ?? [], staffActor(ctx))) === null) return ctx.response.notFound('No such customer')
    } catch (caught) {
      const message = refusal(caught)
      return renderCustomerPage(ctx, customerId, { tags: message }, 422, ctx.request.only(['tags']))
    }
    ctx.session.flash('notice', 'Tags saved')
    return ctx.response.redirect().status(303).toPath(`${LIST_PATH}/${customerId}`)
  }

  async storeNote(ctx: HttpContext) {
    await ctx.bouncer.with(CustomersPolicy).authorize('write')
    const customerId = Number(ctx.params.id)
    const [error, input] = await customerNoteValidator.tryValidate(ctx.request.only(['body']))
    if (error) return renderCustomerPage(ctx, customerId, { note: refusal(error) }, 422, ctx.request.only(['body']))
    if ((await (await app.container.make(AddCustomerNote)).handle(customerId, input.body, staffActor(ctx))) === null) return ctx.response.notFound('No such customer')
    ctx.session.flash('notice', 'Note added')
    return ctx.response.redirect().status(303).toPath(`${LIST_PATH}/${customerId}#notes`)
  }

  async destroyNote(ctx: HttpContext) {
    await ctx.bouncer.with(CustomersPolicy).authorize('write')
    const customerId = Number(ctx.params.id)
    if (!(await (await app.container.make(DeleteCustomerNote)).handle(customerId, Number(ctx.params.noteId), staffActor(ctx)))) return ctx.response.notFound('No such note')
    ctx.session.flash('notice', 'Note deleted')
    return ctx.response.redirect().status(303).toPath(`${LIST_PATH}/${customerId}#notes`)
  }
}

function refusal(caught: unknown) {
  if (caught instanceof CustomerTagsRefused) return caught.message
  if (caught instanceof vineErrors.E_VALIDATION_ERROR) return (caught.messages as Array<{ message: string }>)[0]?.message ?? 'Invalid value'
  throw caught
}

async function renderCustomerPage(
  ctx: HttpContext,
  customerId: number,
  errors: Partial<Record<CustomerForm, string>> = {},
  status = 200,
  old: Record<string, unknown> = {}
) {
  const detail = await customerDetail(customerId)
  if (!detail) return ctx.response.notFound('No such customer')
  const access = await editAccess(ctx.bouncer, CustomersPolicy, 'write')
  const canSeeOrders = await ctx.bouncer.with(OrdersPolicy).allows('read')
  ctx.response.status(status)
  return ctx.view.render('pages/admin/customers/show', { ...detail, access, canSeeOrders, errors, old })
}

const sortLabels: Record<(typeof customerSorts)[number], string> = {
  '-created': 'Newest first',
  'created': 'Oldest first',
  '-ltv': 'Lifetime value, high to low',
  'ltv': 'Lifetime value, low to high',
  '-last_order': 'Last order, recent first',
  'name': 'Name',
}
