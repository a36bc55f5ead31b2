import { DateTime } from 'luxon'
import storeConfig from '#config/store'

/** Anything a timestamp arrives as: a Luxon DateTime (models), a Date (drivers), ISO or SQL text. */
export type Instant = DateTime | Date | string

/**
 * The store's time zone (config/store.ts, STORE_TIMEZONE), read at each call
 * so a test can change it. An unknown zone falls back to UTC rather than
 * printing "Invalid DateTime" on every page, as the dashboard's day does.
 */
export function storeTimezone(): string {
  const zone = storeConfig.timezone || 'UTC'
  return DateTime.now().setZone(zone).isValid ? zone : 'UTC'
}

function toDateTime(value: Instant): DateTime {
  if (value instanceof DateTime) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  const iso = DateTime.fromISO(value, { zone: 'utc' })
  return iso.isValid ? iso : DateTime.fromSQL(value, { zone: 'utc' })
}

/**
 * The one home of how shoppers, staff and emails read a time: in the store's
 * time zone, with that zone's short name ("5 Dec 2026, 19:30 EST"; "UTC"
 * only for a store on UTC). Stored times stay UTC (DESIGN.md); this is the
 * edge, like formatMoney for money.
 */
export function formatStoreDateTime(value: Instant, zone: string = storeTimezone()): string {
  const time = toDateTime(value)
  return time.isValid ? time.setZone(zone).setLocale('en-US').toFormat('d LLL yyyy, HH:mm ZZZZ') : String(value)
}

/** The calendar day in the store's time zone ("5 Dec 2026"): a late-evening order in New York is still that day. */
export function formatStoreDate(value: Instant, zone: string = storeTimezone()): string {
  const time = toDateTime(value)
  return time.isValid ? time.setZone(zone).setLocale('en-US').toFormat('d LLL yyyy') : String(value)
}

/** A machine-readable instant for `<time datetime="…">` (ISO 8601 with the store's offset). */
export function isoInstant(value: Instant, zone: string = storeTimezone()): string {
  return toDateTime(value).setZone(zone).toISO() ?? ''
}
