import { performance } from 'node:perf_hooks'
import { DateTime } from 'luxon'
import { recordWriter } from '#import_export/exporters/record_writer'
import { subscribersMatching } from '#queries/admin_newsletter_subscribers_query'
import type { ExportRecordsOptions, ExportRecordsResult } from '#actions/inventory/export_inventory'
import type { SubscriberFilters } from '#validators/newsletter'

export const SUBSCRIBER_EXPORT_COLUMNS = ['email', 'status', 'source', 'consented_at', 'unsubscribed_at']

/**
 * Writes the newsletter list (optionally filtered as the admin list is),
 * streamed by keyset pages, times in ISO 8601 UTC as every machine file.
 * The unsubscribe token stays out: it is a credential of the subscriber's.
 */
export default class ExportNewsletterSubscribers {
  async handle(options: ExportRecordsOptions & { filters?: Pick<SubscriberFilters, 'q' | 'status'> }): Promise<ExportRecordsResult> {
    const started = performance.now()
    const writer = recordWriter(options.output, options.format ?? 'csv', SUBSCRIBER_EXPORT_COLUMNS)
    let rows = 0
    let afterId = 0
    for (;;) {
      const page = await subscribersMatching(options.filters ?? {})
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(options.pageSize ?? 500)
        .select('id', 'email', 'source', 'consented_at', 'unsubscribed_at')
      if (!page.length) break
      afterId = Number(page.at(-1)!.id)
      for (const row of page) {
        await writer.write({
          email: row.email,
          status: row.unsubscribed_at ? 'unsubscribed' : 'subscribed',
          source: row.source,
          consented_at: isoUtc(row.consented_at),
          unsubscribed_at: isoUtc(row.unsubscribed_at),
        })
        rows++
      }
    }
    await writer.end()
    return { rows, ms: Math.round(performance.now() - started) }
  }
}

/** A timestamp column as read from either database, in ISO 8601 UTC. */
function isoUtc(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value).toUTC().toISO()
  // SQLite text, written in the process's zone (#services/db_time)
  return DateTime.fromSQL(String(value)).toUTC().toISO() ?? String(value)
}
