import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * A timestamp written the way Lucid models write theirs on this
 * connection, for rows inserted or updated without a model.
 */
export function sqlNow(client: QueryClientContract) {
  return DateTime.now().toFormat(client.dialect.dateTimeFormat)
}

/** knex answers an update with a count, or a one-element array on some drivers */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return Number(result[0] ?? 0)
  return Number(result ?? 0)
}
