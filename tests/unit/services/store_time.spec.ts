import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import storeConfig from '#config/store'
import { dbTimestamp } from '#services/db_time'
import {
  formatStoreDate,
  formatStoreDateTime,
  fromStoreInput,
  isoInstant,
  startOfStoreDay,
  storeInputValue,
  storeTimezone,
} from '#services/store_time'

// 02:30 UTC on 6 December is still the evening of 5 December in New York.
const LATE_EVENING_IN_NEW_YORK = DateTime.fromISO('2026-12-06T02:30:00Z', { zone: 'utc' })

test.group('Store time | dates and times in the store time zone', (group) => {
  const configured = storeConfig.timezone
  group.each.teardown(() => {
    storeConfig.timezone = configured
  })

  test('New York: the day and time across the date boundary, with its zone name, never UTC', ({ assert }) => {
    storeConfig.timezone = 'America/New_York'
    assert.equal(formatStoreDateTime(LATE_EVENING_IN_NEW_YORK), '5 Dec 2026, 21:30 EST')
    assert.equal(formatStoreDate(LATE_EVENING_IN_NEW_YORK), '5 Dec 2026')
    assert.equal(isoInstant(LATE_EVENING_IN_NEW_YORK), '2026-12-05T21:30:00.000-05:00')
    // summer time has its own name
    assert.equal(formatStoreDateTime(DateTime.fromISO('2026-07-01T16:00:00Z')), '1 Jul 2026, 12:00 EDT')
  })

  test('every form a timestamp arrives in reads the same', ({ assert }) => {
    storeConfig.timezone = 'America/New_York'
    for (const value of [LATE_EVENING_IN_NEW_YORK, LATE_EVENING_IN_NEW_YORK.toJSDate(), '2026-12-06T02:30:00.000Z', '2026-12-06 02:30:00']) {
      assert.equal(formatStoreDateTime(value), '5 Dec 2026, 21:30 EST', String(value))
    }
  })

  test('a store on UTC says UTC; an unknown zone falls back to UTC instead of "Invalid DateTime"', ({ assert }) => {
    storeConfig.timezone = 'UTC'
    assert.equal(formatStoreDateTime(LATE_EVENING_IN_NEW_YORK), '6 Dec 2026, 02:30 UTC')
    storeConfig.timezone = 'Mars/Olympus_Mons'
    assert.equal(storeTimezone(), 'UTC')
    assert.equal(formatStoreDate(LATE_EVENING_IN_NEW_YORK), '6 Dec 2026')
    assert.equal(formatStoreDateTime('not a time'), 'not a time', 'text that is no time is shown as it is')
  })

  test('datetime-local inputs: written and read as New York wall time, across both clock changes', ({ assert }) => {
    storeConfig.timezone = 'America/New_York'
    assert.equal(storeInputValue(LATE_EVENING_IN_NEW_YORK), '2026-12-05T21:30')
    assert.equal(storeInputValue(null), '')
    const read = (text: string) => {
      const result = fromStoreInput(text)
      return 'instant' in result ? result.instant.toISO() : result
    }
    assert.equal(read('2026-12-05T21:30'), '2026-12-06T02:30:00.000Z')
    assert.equal(read('2026-03-08T01:59'), '2026-03-08T06:59:00.000Z', 'the last minute of winter time')
    assert.deepEqual(read('2026-03-08T02:30'), { skipped: true, zone: 'America/New_York', label: '8 Mar 2026, 02:30' }, 'a time the clocks skip')
    assert.equal(read('2026-03-08T03:00'), '2026-03-08T07:00:00.000Z')
    assert.equal(read('2026-11-01T01:30'), '2026-11-01T05:30:00.000Z', 'a time that happens twice: the first, on summer time')
    assert.equal(read('2026-11-01T02:30'), '2026-11-01T07:30:00.000Z')
    assert.equal(read('2026-07-01T12:00:00'), '2026-07-01T16:00:00.000Z', 'seconds, as some browsers send them')
    assert.deepEqual(read('2026-02-30T10:00'), { invalid: true })
    for (const text of ['2026-03-08T01:30', '2026-11-01T01:30', '2026-07-01T12:00']) {
      const result = fromStoreInput(text)
      assert.equal('instant' in result && storeInputValue(result.instant), text, `${text} round-trips`)
    }
  })

  test('a store day starts at midnight in the store zone, 23 or 25 hours long on change days', ({ assert }) => {
    storeConfig.timezone = 'America/New_York'
    assert.equal(startOfStoreDay('2026-12-05').toUTC().toISO(), '2026-12-05T05:00:00.000Z')
    assert.equal(startOfStoreDay(new Date(2026, 11, 5)).toUTC().toISO(), '2026-12-05T05:00:00.000Z', 'the Date VineJS makes of 2026-12-05')
    const spring = startOfStoreDay('2026-03-08')
    assert.equal(spring.plus({ days: 1 }).diff(spring, 'hours').hours, 23)
    // written for SQLite (no offset in the text) as the same instant, not New York's wall clock
    const sqlite = { dialect: { dateTimeFormat: 'yyyy-MM-dd HH:mm:ss' } } as any
    const fiveUtc = DateTime.fromISO('2026-12-05T05:00:00Z').toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
    assert.equal(dbTimestamp(sqlite, startOfStoreDay('2026-12-05')), fiveUtc)
  })
})
