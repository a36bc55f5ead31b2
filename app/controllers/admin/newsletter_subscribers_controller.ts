import type { HttpContext } from '@adonisjs/core/http'
import CustomersPolicy from '#policies/customers_policy'
import { filtersFrom } from '#controllers/admin/query_filters'
import { listAdminSubscribers, subscribedCount } from '#queries/admin_newsletter_subscribers_query'
import { subscriberFiltersValidator } from '#validators/newsletter'

const LIST_PATH = '/admin/customers/subscribers'

/** Admin › Customers › Subscribers: the newsletter list, searchable, with its CSV export. */
export default class NewsletterSubscribersController {
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(CustomersPolicy).authorize('read')
    const { filters, query } = await filtersFrom(request, subscriberFiltersValidator)
    const subscribers = await listAdminSubscribers(filters, LIST_PATH)
    const { page: _page, ...form } = filters
    return htmx.render(
      'pages/admin/subscribers/index',
      'pages/admin/subscribers/_table',
      { subscribers, form, exportQuery: query },
      { pageData: async () => ({ subscribed: await subscribedCount() }) }
    )
  }
}
