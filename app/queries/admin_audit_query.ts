import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import { dbTimestamp } from '#services/db_time'
import { startOfStoreDay } from '#services/store_time'
import type { AuditFilters } from '#validators/staff_admin'
import { auditActionLabel } from '#queries/activity_lines'
import { fieldLabel } from '#queries/audit_changes'

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

/** One subject's actions in the filter's select: "Any product action", then each one in words. */
export interface AuditActionGroup {
  label: string
  options: { value: string; label: string }[]
}

/**
 * Staff members for the filter's select, the actions seen so far grouped by
 * what they act on (each with its "any" choice, `product.*`), and the kinds
 * of record, all in words: staff pick "Product updated", never `product.updated`.
 * The applied action and kind of record stay choices even when no row has them yet.
 */
export async function auditFilterChoices(applied: { action?: string; subjectType?: string } = {}) {
  const [staff, actions, subjects] = await Promise.all([
    db.from('staff_users').orderBy('full_name').select('id', 'full_name', 'email'),
    db.from('audit_logs').distinct('action').orderBy('action').limit(500),
    db.from('audit_logs').distinct('subject_type').whereNotNull('subject_type').orderBy('subject_type').limit(100),
  ])
  const groups = new Map<string, AuditActionGroup>()
  for (const action of actions.map((row) => row.action as string)) {
    const subject = action.split('.')[0]
    if (!groups.has(subject)) {
      groups.set(subject, { label: fieldLabel(subject), options: [{ value: `${subject}.*`, label: auditActionLabel(`${subject}.*`) }] })
    }
    groups.get(subject)!.options.push({ value: action, label: auditActionLabel(action) })
  }
  const current = applied.action
  if (current && ![...groups.values()].some((group) => group.options.some((option) => option.value === current))) {
    groups.set(current, { label: 'Applied', options: [{ value: current, label: auditActionLabel(current) }] })
  }
  const types = subjects.map((row) => String(row.subject_type))
  if (applied.subjectType && !types.includes(applied.subjectType)) types.push(applied.subjectType)
  const subjectTypes = types.map((type) => ({ value: type, label: fieldLabel(type) }))
  return { staff, actionGroups: [...groups.values()], subjectTypes }
}

/** The changes column in words (labels, money as money): the audit page's one formatter. */
export { readableChanges } from '#queries/audit_changes'
