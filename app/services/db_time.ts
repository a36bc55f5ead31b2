import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * A timestamp for rows written with the query builder, formatted the way Lucid
 * models write and read them back. A plain `Date` would not do: the SQLite
 * client binds it as epoch milliseconds, which `@column.dateTime` cannot read.
 * In the process's zone, as Lucid writes `DateTime.now()` and reads SQLite
 * text back: SQLite's format has no offset, so a time in another zone (the
 * start of a store day in the store's zone) would otherwise be written as its
 * own wall clock, hours off.
 */
export function dbTimestamp(client: Pick<QueryClientContract, 'dialect'> = db.connection(), at = DateTime.now()) {
  return at.toLocal().toFormat(client.dialect.dateTimeFormat)
}

/** knex answers an update with a count, or a one-element array on some drivers */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return Number(result[0] ?? 0)
  return Number(result ?? 0)
}

/** The UTC day (YYYY-MM-DD) of a timestamp column, in SQL. SQLite stores the text dbTimestamp wrote (UTC here). */
export function daySql(column: string) {
  return db.connection().dialect.name === 'postgres'
    ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`
    : `substr(${column}, 1, 10)`
}

/**
 * A timestamp column as read back through the query builder: PostgreSQL
 * hands a Date, SQLite the text dbTimestamp wrote (in the process's zone).
 * Null when there is none.
 */
export function fromDbTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  const text = String(value)
  const parsed = text.includes('T') ? DateTime.fromISO(text) : DateTime.fromSQL(text)
  return parsed.isValid ? parsed.toJSDate() : null
}
