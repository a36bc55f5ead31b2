import NotificationMessage from '../models/notification_message.js'
import type { EmailFilters } from '../validators/email_filters.js'

export const EMAILS_PER_PAGE = 50

/**
 * The admin email list: newest first, filtered by status and template,
 * searched by recipient (case-insensitive substring). The paginator keeps
 * the filters in its page links.
 */
export async function listMessages(filters: EmailFilters, baseUrl: string) {
  const query = NotificationMessage.query()
    .select('id', 'to_address', 'subject', 'template', 'status', 'driver', 'created_at')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')

  if (filters.status) query.where('status', filters.status)
  if (filters.template) query.where('template', filters.template)
  if (filters.q) {
    // LOWER + LIKE behaves the same on SQLite and PostgreSQL; % and _ typed by staff are literal.
    const pattern = `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.whereRaw('LOWER(to_address) LIKE ? ESCAPE ?', [pattern, '\\'])
  }

  const page = await query.paginate(filters.page ?? 1, EMAILS_PER_PAGE)
  const { page: _page, ...kept } = filters
  return page.baseUrl(baseUrl).queryString(kept)
}

/** Templates that occur, for the filter menu. */
export async function knownTemplates(): Promise<string[]> {
  const rows = await NotificationMessage.query()
    .distinct('template')
    .whereNotNull('template')
    .orderBy('template')
  return rows.map((row) => row.template!)
}

/** The newest few messages, for the dashboard widget. */
export function latestMessages(limit = 5) {
  return NotificationMessage.query()
    .select('id', 'to_address', 'subject', 'status', 'created_at')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
}
