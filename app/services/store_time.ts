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

/**
 * A calendar day already in the store's terms ("2026-12-05", as reports and
 * date filters keep it) in words: "5 Dec 2026". No zone shift: it is a day,
 * not an instant. Text that is not a day is shown as it came.
 */
export function formatDay(day: string): string {
  const date = DateTime.fromISO(day, { zone: 'utc' })
  return date.isValid && /^\d{4}-\d{2}-\d{2}$/.test(day) ? date.setLocale('en-US').toFormat('d LLL yyyy') : day
}

/** A month kept as "2026-12" in words: "Dec 2026". */
export function formatMonth(month: string): string {
  const date = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' })
  return date.isValid ? date.setLocale('en-US').toFormat('LLL yyyy') : month
}

/** A machine-readable instant for `<time datetime="…">` (ISO 8601 with the store's offset). */
export function isoInstant(value: Instant, zone: string = storeTimezone()): string {
  return toDateTime(value).setZone(zone).toISO() ?? ''
}

const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm"

/**
 * The value of an `<input type="datetime-local">` for an instant: the wall
 * clock in the store's time zone ("2026-03-08T03:30"), blank for none. The
 * browser sends it back with no zone, so `fromStoreInput` reads it in the same one.
 */
export function storeInputValue(value: Instant | null | undefined, zone: string = storeTimezone()): string {
  if (value === null || value === undefined || value === '') return ''
  const time = toDateTime(value)
  return time.isValid ? time.setZone(zone).toFormat(INPUT_FORMAT) : ''
}

/** What a `datetime-local` value means in the store's zone. */
export type StoreInput = { instant: DateTime<true> } | { skipped: true; zone: string; label: string } | { invalid: true }

/**
 * Reads a `datetime-local` value ("2026-03-08T02:30") as wall-clock time in
 * the store's zone. A time the clocks skip (02:30 on the night summer time
 * starts in New York) is reported, not moved silently to 03:30. A time that
 * happens twice (01:30 on the night summer time ends) is the first of the
 * two, still on summer time, as Temporal's default reads it (Luxon alone
 * would take the second).
 */
export function fromStoreInput(text: string, zone: string = storeTimezone()): StoreInput {
  const time = DateTime.fromISO(text, { zone })
  if (!time.isValid) return { invalid: true }
  // Luxon moves a skipped wall time forward; written back it then differs from what was typed.
  if (time.toFormat(INPUT_FORMAT) !== text.slice(0, 16)) {
    const typed = DateTime.fromISO(text, { zone: 'utc' })
    return { skipped: true, zone, label: typed.isValid ? typed.setLocale('en-US').toFormat('d LLL yyyy, HH:mm') : text }
  }
  const first = time.getPossibleOffsets().reduce((earliest, candidate) => (candidate < earliest ? candidate : earliest), time)
  return { instant: first.toUTC() as DateTime<true> }
}

/**
 * The first instant of a calendar day in the store's zone, for date filters
 * ("from 5 Dec" means from midnight in the shop, not in UTC). Takes the
 * "YYYY-MM-DD" text or the Date VineJS makes of it (midnight in the process's zone).
 */
export function startOfStoreDay(day: Date | string, zone: string = storeTimezone()): DateTime<true> {
  const start =
    typeof day === 'string'
      ? DateTime.fromISO(day, { zone })
      : DateTime.fromObject({ year: day.getFullYear(), month: day.getMonth() + 1, day: day.getDate() }, { zone })
  return start.startOf('day') as DateTime<true>
}
