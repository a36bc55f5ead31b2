import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { AdminNavEntry } from '#plugin_host/types'
import { productsMatching } from '#queries/admin_products_query'
import { customersMatching } from '#queries/admin_customers_query'

/** Results per kind: the palette is for jumping, not browsing. */
export const SEARCH_LIMIT = 5

export interface SearchResult {
  kind: 'page' | 'order' | 'product' | 'customer'
  label: string
  detail: string | null
  href: string
}

/** What the staff member may search: pages always, the rest by permission. */
export interface SearchScope {
  pages: AdminNavEntry[]
  orders: boolean
  products: boolean
  customers: boolean
}

/**
 * The command palette's answer for one query: admin pages by name, an
 * order by number ("1004" or "#1004"), products by title, handle or SKU and
 * customers by name or email, as their lists' search boxes find them. At
 * most SEARCH_LIMIT of each kind, on indexed lookups.
 */
export async function adminSearch(q: string, scope: SearchScope): Promise<SearchResult[]> {
  const term = q.toLowerCase()
  const pages: SearchResult[] = scope.pages
    .filter((entry) => entry.label.toLowerCase().includes(term))
    .slice(0, SEARCH_LIMIT)
    .map((entry) => ({ kind: 'page', label: entry.label, detail: 'Page', href: entry.href }))

  const number = /^#?(\d{1,12})$/.exec(q)?.[1]
  const [orders, products, customers] = await Promise.all([
    scope.orders && number
      ? db.from('orders').where('number', Number(number)).select('id', 'number', 'email', 'status').limit(1)
      : [],
    scope.products && !number ? productsMatching(q).orderBy('title').select('id', 'title', 'status').limit(SEARCH_LIMIT) : [],
    scope.customers && !number
      ? customersMatching(q).orderBy('customers.email').select('customers.id', 'customers.email', 'customers.first_name', 'customers.last_name').limit(SEARCH_LIMIT)
      : [],
  ])
  return [
    ...orders.map((order) => ({
      kind: 'order' as const,
      label: `Order #${order.number}`,
      detail: `${order.email} · ${order.status}`,
      href: router.makeUrl('admin.orders.show', { id: order.id }),
    })),
    ...pages,
    ...products.map((product) => ({
      kind: 'product' as const,
      label: String(product.title),
      detail: `Product · ${product.status}`,
      href: router.makeUrl('admin.products.edit', { id: product.id }),
    })),
    ...customers.map((customer) => ({
      kind: 'customer' as const,
      label: [customer.first_name, customer.last_name].filter(Boolean).join(' ') || String(customer.email),
      detail: `Customer · ${customer.email}`,
      href: router.makeUrl('admin.customers.show', { id: customer.id }),
    })),
  ]
}
