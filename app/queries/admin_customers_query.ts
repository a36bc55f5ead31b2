import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import { SimplePaginator } from '@adonisjs/lucid/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { CustomerFilters } from '#validators/admin_customer'
import { customerValueSql, readCustomerValue, type CustomerValue } from '#queries/customer_report_query'

export const CUSTOMERS_PER_PAGE = 50

export interface AdminCustomerRow extends CustomerValue {
  id: number
  email: string
  name: string
  createdAt: string
  tags: string[]
}

const LTV_SQL = 'coalesce(stats.gross, 0) - coalesce(stats.refunded, 0)'

/** Customers whose email or name matches, as the list's search box finds them (the command palette too). */
export function customersMatching(q: string) {
  return applyFilters(db.from('customers'), { q } as CustomerFilters)
}

function applyFilters(query: DatabaseQueryBuilderContract, filters: CustomerFilters) {
  if (filters.tag) query.whereIn('customers.id', db.from('customer_tags').select('customer_id').where('tag', filters.tag))
  if (filters.orders) {
    // (NOT) EXISTS: one probe of orders(customer_id) per customer, an anti-join for "never ordered"
    const placed = db.from('orders').whereRaw('orders.customer_id = customers.id').whereNotNull('orders.placed_at').select(db.raw('1'))
    if (filters.orders === 'yes') query.whereExists(placed)
    else query.whereNotExists(placed)
  }
  if (filters.q) {
    const term = filters.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)
    const like = runtime.database === 'pg' ? 'ilike' : 'like'
    query.where((search) => {
      search
        .whereRaw(`lower(customers.email) like ? escape '\\'`, [`${term}%`])
        .orWhereRaw(`(coalesce(customers.first_name, '') || ' ' || coalesce(customers.last_name, '')) ${like} ? escape '\\'`, [`%${term}%`])
    })
  }
  return query
}

/**
 * Admin › Customers. Sorted by sign-up or name, the page of customers is read
 * first (indexed) and the order statistics are computed for those 50 only;
 * sorted by lifetime value or last order, every customer's statistics are
 * needed to order them (only the filtered customers' when a filter is set).
 * Either way one query gives the page with its figures (customerValueSql),
 * one the total, one the tags: no query per customer.
 */
export async function listAdminCustomers(filters: CustomerFilters, baseUrl: string) {
  const page = filters.page ?? 1
  const sort = filters.sort ?? '-created'
  const filtered = () => applyFilters(db.from('customers'), filters)
  const [countRow] = await filtered().count('* as total')
  const total = Number(countRow?.total ?? 0)

  const byStats = sort === '-ltv' || sort === 'ltv' || sort === '-last_order'
  const pageIds = byStats ? undefined : order(filtered().select('customers.id'), sort).offset((page - 1) * CUSTOMERS_PER_PAGE).limit(CUSTOMERS_PER_PAGE)
  // sorted by figures: every matching customer's, but only theirs when a filter narrows the list
  const narrowed = filters.q || filters.tag || filters.orders ? filtered().select('customers.id') : undefined
  const stats = customerValueSql({ customerIds: pageIds ?? narrowed })
  const query = order(filtered(), sort)
    .joinRaw(`left join (${stats.sql}) as stats on stats.customer_id = customers.id`, stats.bindings as any[])
    .select('customers.id', 'customers.email', 'customers.first_name', 'customers.last_name', 'customers.created_at', 'stats.*')
  if (pageIds) query.whereIn('customers.id', pageIds)
  else query.offset((page - 1) * CUSTOMERS_PER_PAGE).limit(CUSTOMERS_PER_PAGE)
  const rows = await query

  const ids = rows.map((row) => Number(row.id))
  const tags = ids.length ? await db.from('customer_tags').whereIn('customer_id', ids).select('customer_id', 'tag').orderBy('tag') : []
  const tagsById = new Map<number, string[]>()
  for (const row of tags) tagsById.set(Number(row.customer_id), [...(tagsById.get(Number(row.customer_id)) ?? []), row.tag])

  const items: AdminCustomerRow[] = rows.map((row) => ({
    ...readCustomerValue(row),
    id: Number(row.id),
    email: row.email,
    name: [row.first_name, row.last_name].filter(Boolean).join(' '),
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
    tags: tagsById.get(Number(row.id)) ?? [],
  }))
  const paginator = new SimplePaginator(total, CUSTOMERS_PER_PAGE, page, ...items)
  const { page: _page, ...kept } = filters
  paginator.baseUrl(baseUrl).queryString(kept)
  return paginator
}

function order(query: DatabaseQueryBuilderContract, sort: NonNullable<CustomerFilters['sort']>) {
  switch (sort) {
    case '-ltv':
      return query.orderByRaw(`${LTV_SQL} desc`).orderBy('customers.id', 'desc')
    case 'ltv':
      return query.orderByRaw(`${LTV_SQL} asc`).orderBy('customers.id', 'asc')
    case '-last_order':
      return query.orderByRaw('stats.last_order_at desc nulls last').orderBy('customers.id', 'desc')
    case 'name':
      return query.orderBy('customers.last_name', 'asc').orderBy('customers.first_name', 'asc').orderBy('customers.id', 'asc')
    case 'created':
      return query.orderBy('customers.created_at', 'asc').orderBy('customers.id', 'asc')
    default:
      return query.orderBy('customers.created_at', 'desc').orderBy('customers.id', 'desc')
  }
}
