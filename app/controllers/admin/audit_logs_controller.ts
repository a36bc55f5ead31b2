import type { HttpContext } from '@adonisjs/core/http'
import { once } from 'node:events'
import { DateTime } from 'luxon'
import { csvStringifier } from '#services/csv'
import { auditFiltersValidator, type AuditFilters } from '#validators/staff_admin'
import StaffPolicy from '#policies/staff_policy'
import { filtersFrom } from '#controllers/admin/query_filters'
import { auditBatches, auditFilterChoices, auditPage, readableChanges } from '#queries/admin_audit_query'
import { actorWords, auditActionLabel } from '#queries/activity_lines'
import { fieldLabel } from '#queries/audit_changes'

const CSV_COLUMNS = ['id', 'created_at', 'actor_type', 'actor_id', 'actor_email', 'action', 'subject_type', 'subject_id', 'changes', 'ip', 'user_agent']

/** Admin › Audit log: who changed what, when and from where; filterable, exportable as CSV. */
export default class AuditLogsController {
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('manage')
    const { filters, query } = await filtersFrom(request, auditFiltersValidator, { omit: ['before'] })
    const page = await auditPage(filters)
    const table = { ...page, readableChanges, auditActionLabel, actorWords, fieldLabel, nextUrl: page.nextBefore ? `/admin/audit?${withCursor(filters, page.nextBefore)}` : null }
    return htmx.render('pages/admin/audit/index', 'pages/admin/audit/_table', table, {
      pageData: async () => ({ filters: clean(filters), query, choices: await auditFilterChoices(filters) }),
    })
  }

  /** Every matching row as CSV, streamed in keyset batches (no size limit, flat memory). */
  async export({ bouncer, request, response }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('manage')
    const { filters } = await filtersFrom(request, auditFiltersValidator)
    const csv = csvStringifier({ header: true, columns: CSV_COLUMNS })
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', 'attachment; filename="audit-log.csv"')
    response.stream(csv)
    void writeRows(csv, { ...filters, before: undefined }).catch((error) => csv.destroy(error))
  }
}

async function writeRows(csv: ReturnType<typeof csvStringifier>, filters: AuditFilters) {
  for await (const { rows, actors } of auditBatches(filters)) {
    for (const row of rows) {
      const line = {
        id: row.id,
        created_at: row.createdAt.toUTC().toISO(),
        actor_type: row.actorType,
        actor_id: row.actorId,
        actor_email: row.actorId ? actors.get(row.actorId)?.email ?? '' : '',
        action: row.action,
        subject_type: row.subjectType,
        subject_id: row.subjectId,
        changes: row.changes ? JSON.stringify(row.changes) : '',
        ip: row.ip,
        user_agent: row.userAgent,
      }
      if (!csv.write(line)) await once(csv, 'drain')
    }
  }
  csv.end()
}

function clean(filters: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'before' || value === undefined) continue
    out[key] = value instanceof Date ? DateTime.fromJSDate(value).toISODate()! : String(value)
  }
  return out
}

function withCursor(filters: AuditFilters, before: number) {
  return new URLSearchParams({ ...clean(filters), before: String(before) }).toString()
}
