import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import storeConfig from '#config/store'
import { formatStoreDate, formatStoreDateTime, isoInstant, storeTimezone } from '#services/store_time'

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
})
