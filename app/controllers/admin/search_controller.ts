import type { HttpContext } from '@adonisjs/core/http'
import { adminSearchValidator } from '#validators/admin_search'
import { adminSearch } from '#queries/admin_search_query'
import { visibleAdminNav } from '#services/admin_navigation'
import OrdersPolicy from '#policies/orders_policy'
import CatalogPolicy from '#policies/catalog_policy'
import CustomersPolicy from '#policies/customers_policy'

/**
 * The command palette's JSON (⌘K / Ctrl-K, public/js/admin.js): pages,
 * orders, products and customers matching what staff typed, each kind only
 * for staff whose role reads it.
 */
export default class SearchController {
  async index({ auth, bouncer, request, response }: HttpContext) {
    // an empty or overlong query finds nothing; the palette just shows no results
    const [, valid] = await adminSearchValidator.tryValidate(request.qs())
    if (!valid) return response.status(422).json({ results: [], message: 'Type a word, a name or an order number (up to 100 characters).' })
    const staff = auth.use('staff').user!
    const [pages, orders, products, customers] = await Promise.all([
      visibleAdminNav(staff),
      bouncer.with(OrdersPolicy).allows('read'),
      bouncer.with(CatalogPolicy).allows('read'),
      bouncer.with(CustomersPolicy).allows('read'),
    ])
    response.header('Cache-Control', 'private, no-store')
    return { results: await adminSearch(valid.q, { pages, orders, products, customers }) }
  }
}
