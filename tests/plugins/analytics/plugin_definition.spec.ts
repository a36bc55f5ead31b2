import { test } from '@japa/runner'
import analytics from '#plugins/analytics/index'
import { resolvePeriod } from '#plugins/analytics/queries/period'
import { dayBounds } from '#plugins/analytics/store_clock'

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
})
