import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { staffActor } from '#services/actor'
import { listAdminCustomers } from '#queries/admin_customers_query'
import { customerDetail } from '#queries/admin_customer_detail_query'
import { CustomerTagsRefused, setCustomerTags } from '#actions/customers/set_customer_tags'
import { addCustomerNote, deleteCustomerNote } from '#actions/customers/customer_notes'
import { customerFiltersValidator, customerNoteValidator, customerSorts, customerTagsValidator } from '#validators/admin_customer'

const LIST_PATH = '/admin/customers'

type CustomerForm = 'tags' | 'note'

/**
 * Who may see customers (customers.read) and change their tags and notes
 * (customers.write). Answers true, having sent the 403, when the staff member may not.
 */
async function denyCustomersAccess(ctx: Pick<HttpContext, 'auth' | 'response'>, access: 'read' | 'write') {
  if (await ctx.auth.use('staff').user!.can(`customers.${access}`)) return false
  ctx.response.forbidden(
    access === 'write'
      ? 'Editing customer tags and notes needs the customers.write permission. Ask a store owner.'
      : 'Customers need the customers.read permission. Ask a store owner.'
  )
  return true
}

/** Admin › Customers: the list, one customer's page, their tags and notes. */
export default class CustomersController {
  async index({ auth, request, response, view }: HttpContext) {
    if (await denyCustomersAccess({ auth, response }, 'read')) return
    const [, validated] = await customerFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const filters = validated ?? {}
    const customers = await listAdminCustomers(filters, LIST_PATH)
    const { page: _page, ...form } = filters
    response.header('Vary', 'HX-Request')
    if (request.header('hx-request') && !request.header('hx-boosted')) {
      return view.render('pages/admin/customers/_table', { customers, form })
    }
    return view.render('pages/admin/customers/index', { customers, form, sorts: customerSorts, sortLabels })
  }

  async show(ctx: HttpContext) {
    if (await denyCustomersAccess(ctx, 'read')) return
    return renderCustomerPage(ctx, Number(ctx.params.id))
  }

  async updateTags(ctx: HttpContext) {
    if (await denyCustomersAccess(ctx, 'write')) return
    const customerId = Number(ctx.params.id)
    try {
      const { tags } = await customerTagsValidator.validate(ctx.request.only(['tags']))
      if ((await setCustomerTags(customerId, tags ?? [], staffActor(ctx))) === null) return ctx.response.notFound('No such customer')
    } catch (caught) {
      const message = refusal(caught)
      return renderCustomerPage(ctx, customerId, { tags: message }, 422, ctx.request.only(['tags']))
    }
    ctx.session.flash('notice', 'Tags saved')
    return ctx.response.redirect().status(303).toPath(`${LIST_PATH}/${customerId}`)
  }

  async storeNote(ctx: HttpContext) {
    if (await denyCustomersAccess(ctx, 'write')) return
    const customerId = Number(ctx.params.id)
    const [error, input] = await customerNoteValidator.tryValidate(ctx.request.only(['body']))
    if (error) return renderCustomerPage(ctx, customerId, { note: refusal(error) }, 422, ctx.request.only(['body']))
    if ((await addCustomerNote(customerId, input.body, staffActor(ctx))) === null) return ctx.response.notFound('No such customer')
    ctx.session.flash('notice', 'Note added')
    return ctx.response.redirect().status(303).toPath(`${LIST_PATH}/${customerId}#notes`)
  }

  async destroyNote(ctx: HttpContext) {
    if (await denyCustomersAccess(ctx, 'write')) return
    const customerId = Number(ctx.params.id)
    if (!(await deleteCustomerNote(customerId, Number(ctx.params.noteId), staffActor(ctx)))) return ctx.response.notFound('No such note')
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
  const canWrite = await ctx.auth.use('staff').user!.can('customers.write')
  const canSeeOrders = await ctx.auth.use('staff').user!.can('orders.read')
  ctx.response.status(status)
  return ctx.view.render('pages/admin/customers/show', { ...detail, canWrite, canSeeOrders, errors, old })
}

const sortLabels: Record<(typeof customerSorts)[number], string> = {
  '-created': 'Newest first',
  'created': 'Oldest first',
  '-ltv': 'Lifetime value, high to low',
  'ltv': 'Lifetime value, low to high',
  '-last_order': 'Last order, recent first',
  'name': 'Name',
}

/** An empty filter field means "any", not an invalid value. */
function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== '' && value !== null))
}
