import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { SubscriberFilters } from '#validators/newsletter'

export const SUBSCRIBERS_PER_PAGE = 50

export interface AdminSubscriberRow {
  id: number
  email: string
  source: string
  consentedAt: string
  unsubscribedAt: string | null
}

/**
 * The newsletter list as staff filter it (Admin › Customers › Subscribers)
 * and export it: an address starting with the search term (the stored
 * address is lower-cased, so the unique index serves the prefix search),
 * subscribed or unsubscribed.
 */
export function subscribersMatching(filters: Pick<SubscriberFilters, 'q' | 'status'>): DatabaseQueryBuilderContract {
  const query = db.from('newsletter_subscribers')
  if (filters.status === 'subscribed') query.whereNull('unsubscribed_at')
  if (filters.status === 'unsubscribed') query.whereNotNull('unsubscribed_at')
  if (filters.q) {
    const term = filters.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)
    query.whereRaw(`email like ? escape '\\'`, [`${term}%`])
  }
  return query
}

/** One page of subscribers, newest consent first, with the filtered total. */
export async function listAdminSubscribers(filters: SubscriberFilters, baseUrl: string) {
  const page = filters.page ?? 1
  const [countRow] = await subscribersMatching(filters).count('* as total')
  const rows = await subscribersMatching(filters)
    .select('id', 'email', 'source', 'consented_at', 'unsubscribed_at')
    .orderBy('consented_at', 'desc')
    .orderBy('id', 'desc')
    .offset((page - 1) * SUBSCRIBERS_PER_PAGE)
    .limit(SUBSCRIBERS_PER_PAGE)
  const items: AdminSubscriberRow[] = rows.map((row) => ({
    id: Number(row.id),
    email: row.email,
    source: row.source,
    consentedAt: isoOf(row.consented_at)!,
    unsubscribedAt: isoOf(row.unsubscribed_at),
  }))
  const paginator = new SimplePaginator(Number(countRow?.total ?? 0), SUBSCRIBERS_PER_PAGE, page, ...items)
  const { page: _page, ...kept } = filters
  paginator.baseUrl(baseUrl).queryString(kept)
  return paginator
}

/** How many addresses are on the list now (the page's headline count). */
export async function subscribedCount() {
  const [row] = await subscribersMatching({ status: 'subscribed' }).count('* as total')
  return Number(row?.total ?? 0)
}

function isoOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return value instanceof Date ? value.toISOString() : String(value)
}
