import { test } from '@japa/runner'
import analytics from '#plugins/analytics/index'
import { resolvePeriod } from '#plugins/analytics/queries/period'
import { dayBounds } from '#plugins/analytics/store_clock'
import { splitIntoMonths } from '#plugins/analytics/queries/top_items_query'
import { valueBucket } from '#plugins/analytics/rollups/customer_facts'

test.group('Analytics | plugin definition', () => {
  test('settings default to UTC and USD, and are normalised', async ({ assert }) => {
    const { validator, values } = analytics().settings!
    assert.deepEqual(await validator.validate(values), { timezone: 'UTC', currency: 'USD' })
    assert.deepEqual(await validator.validate({ timezone: ' Asia/Kolkata ', currency: 'eur' }), {
      timezone: 'Asia/Kolkata',
      currency: 'EUR',
    })
  })

  test('an unknown time zone or a malformed currency is refused', async ({ assert }) => {
    const { validator } = analytics().settings!
    await assert.rejects(() => validator.validate({ timezone: 'Mars/Olympus_Mons' }))
    await assert.rejects(() => validator.validate({ currency: 'EURO' }))
  })

  test('a DST day keeps its real length in the store timezone', ({ assert }) => {
    const [spring] = dayBounds('2024-03-10', '2024-03-10', 'America/New_York')
    assert.equal(spring.endsAt.diff(spring.startsAt, 'hours').hours, 23)
    assert.equal(spring.startsAt.toUTC().toISO(), '2024-03-10T05:00:00.000Z')
  })

  test('presets resolve to ranges with the previous period of the same length', ({ assert }) => {
    assert.deepEqual(resolvePeriod({ range: '7d' }, '2025-03-05'), {
      range: '7d',
      from: '2025-02-27',
      to: '2025-03-05',
      days: 7,
      previous: { from: '2025-02-20', to: '2025-02-26' },
    })
    const month = resolvePeriod({ range: 'month' }, '2025-03-05')
    assert.deepEqual([month.from, month.to, month.previous.from, month.previous.to], ['2025-03-01', '2025-03-05', '2025-02-24', '2025-02-28'])
    assert.equal(resolvePeriod({}, '2025-03-05').days, 30)
  })

  test('a range reads whole months from the monthly rollup and the partial ends from the daily one', ({ assert }) => {
    assert.deepEqual(splitIntoMonths('2024-01-01', '2024-12-31'), { months: ['2024-01', '2024-12'], days: [] })
    assert.deepEqual(splitIntoMonths('2024-01-15', '2024-04-10'), {
      months: ['2024-02', '2024-03'],
      days: [
        ['2024-01-15', '2024-01-31'],
        ['2024-04-01', '2024-04-10'],
      ],
    })
    assert.deepEqual(splitIntoMonths('2024-02-01', '2024-02-29'), { months: ['2024-02', '2024-02'], days: [] })
    assert.deepEqual(splitIntoMonths('2024-02-02', '2024-03-30'), { months: null, days: [['2024-02-02', '2024-03-30']] })
  })

  test('lifetime values fall in buckets by major units, whatever the currency’s digits', ({ assert }) => {
    assert.equal(valueBucket(-500, 'USD'), 0)
    assert.equal(valueBucket(2499, 'USD'), 0)
    assert.equal(valueBucket(2500, 'USD'), 1)
    assert.equal(valueBucket(250_000, 'USD'), 7)
    assert.equal(valueBucket(100, 'JPY'), 3)
  })
})
