import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import { dbTimestamp } from '#services/db_time'
import { startOfStoreDay } from '#services/store_time'
import type { AuditFilters } from '#validators/staff_admin'

export const AUDIT_PAGE_SIZE = 50

/**
 * Audit rows matching the filters, newest first, keyset-paginated on id
 * (ids grow with time, and the id index makes any page as cheap as the
 * first). `action` ending in "*" matches a prefix: "order.*".
 */
export function auditQuery(filters: AuditFilters) {
  const query = AuditLog.query().orderBy('id', 'desc')
  if (filters.staffId) query.where('actor_type', 'staff').where('actor_id', filters.staffId)
  if (filters.action?.endsWith('*')) query.whereLike('action', `${filters.action.slice(0, -1)}%`)
  else if (filters.action) query.where('action', filters.action)
  if (filters.subjectType) query.where('subject_type', filters.subjectType)
  if (filters.subjectId) query.where('subject_id', filters.subjectId)
  if (filters.from) query.where('created_at', '>=', dbTimestamp(db.connection(), startOfDay(filters.from)))
  if (filters.to) query.where('created_at', '<', dbTimestamp(db.connection(), startOfDay(filters.to).plus({ days: 1 })))
  if (filters.before) query.where('id', '<', filters.before)
  return query
}

/** A validated date (always valid) as the start of that day in the store's time zone, as the page shows times. */
function startOfDay(date: Date) {
  return startOfStoreDay(date)
}

/** One page of rows and the cursor of the next page (null on the last). */
export async function auditPage(filters: AuditFilters) {
  const rows = await auditQuery(filters).limit(AUDIT_PAGE_SIZE + 1)
  const more = rows.length > AUDIT_PAGE_SIZE
  const page = rows.slice(0, AUDIT_PAGE_SIZE)
  return { rows: page, nextBefore: more ? page[page.length - 1].id : null, actors: await actorNames(page) }
}

/** Batches of rows for the CSV export, walked by keyset so memory stays flat at any size. */
export async function* auditBatches(filters: AuditFilters, size = 1000) {
  let before = filters.before
  for (;;) {
    const rows = await auditQuery({ ...filters, before }).limit(size)
    if (!rows.length) return
    yield { rows, actors: await actorNames(rows) }
    if (rows.length < size) return
    before = rows[rows.length - 1].id
  }
}

/** Staff names and emails for the rows' staff actors, by id. */
async function actorNames(rows: AuditLog[]) {
  const ids = [...new Set(rows.filter((row) => row.actorType === 'staff' && row.actorId).map((row) => row.actorId!))]
  const staff = ids.length ? await db.from('staff_users').whereIn('id', ids).select('id', 'full_name', 'email') : []
  return new Map<number, { name: string; email: string }>(staff.map((row) => [Number(row.id), { name: row.full_name, email: row.email }]))
}

/** Staff members for the filter's select, and the actions seen so far. */
export async function auditFilterChoices() {
  const [staff, actions] = await Promise.all([
    db.from('staff_users').orderBy('full_name').select('id', 'full_name', 'email'),
    db.from('audit_logs').distinct('action').orderBy('action').limit(500),
  ])
  return { staff, actions: actions.map((row) => row.action as string) }
}

/** The changes column in words (labels, money as money): the audit page's one formatter. */
export { readableChanges } from '#queries/audit_changes'
