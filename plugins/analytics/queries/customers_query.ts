import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { toMinorUnits } from '#services/money'
import { VALUE_BUCKETS } from '../rollups/customer_facts.js'
import { dayBounds } from '../store_clock.js'

export interface CustomerDay {
  day: string
  newCustomers: number
  returningCustomers: number
}

/** Customers who paid per day, split by whether it was their first paid order (each customer once a day). */
export async function customerSeries(from: string, to: string): Promise<CustomerDay[]> {
  const rows = await db.from('analytics_daily_customers').whereBetween('day', [from, to])
  const byDay = new Map(rows.map((row) => [row.day as string, row]))
  return dayBounds(from, to, 'UTC').map(({ day }) => ({
    day,
    newCustomers: Number(byDay.get(day)?.new_customers ?? 0),
    returningCustomers: Number(byDay.get(day)?.returning_customers ?? 0),
  }))
}

export interface CohortRow {
  cohort: string
  customers: number
  /** share of the cohort (percent, one decimal) with a paid order 1, 2, … months after their first */
  retention: Array<number | null>
}

/**
 * Monthly cohorts (month of the first paid order) ending at `lastMonth`:
 * how many customers each had, and the percentage of them who ordered again
 * in each later month. Months not yet reached are null.
 */
export async function cohortRetention(lastMonth: string, cohorts = 12): Promise<CohortRow[]> {
  const end = DateTime.fromFormat(lastMonth, 'yyyy-MM', { zone: 'UTC' })
  const first = end.minus({ months: cohorts - 1 }).toFormat('yyyy-MM')
  const rows = await db
    .from('analytics_cohorts')
    .whereBetween('cohort_month', [first, lastMonth])
    .where('month', '<=', lastMonth)
    .where('customers', '>', 0)
  const counts = new Map(rows.map((row) => [`${row.cohort_month}|${row.month}`, Number(row.customers)]))
  const result: CohortRow[] = []
  for (let index = 0; index < cohorts; index++) {
    const cohort = end.minus({ months: cohorts - 1 - index })
    const size = counts.get(`${cohort.toFormat('yyyy-MM')}|${cohort.toFormat('yyyy-MM')}`) ?? 0
    if (!size) continue
    const later = cohorts - 1 - index
    const retention = Array.from({ length: cohorts - 1 }, (_, offset) => {
      if (offset >= later) return null
      const month = cohort.plus({ months: offset + 1 }).toFormat('yyyy-MM')
      return Math.round(((counts.get(`${cohort.toFormat('yyyy-MM')}|${month}`) ?? 0) / size) * 1000) / 10
    })
    result.push({ cohort: cohort.toFormat('yyyy-MM'), customers: size, retention })
  }
  return result
}

export interface ValueBucket {
  label: string
  /** lower bound in minor units */
  from: number
  customers: number
}

/** How many customers have spent how much in `currency` over their lifetime (paid minus refunded). */
export async function valueDistribution(currency: string): Promise<ValueBucket[]> {
  const rows = await db.from('analytics_value_buckets').where('currency', currency)
  const counts = new Map(rows.map((row) => [Number(row.bucket), Number(row.customers)]))
  return VALUE_BUCKETS.map((bound, index) => {
    const next = VALUE_BUCKETS[index + 1]
    return {
      label: next === undefined ? `${bound}+` : `${bound}–${next}`,
      from: toMinorUnits(bound, currency),
      customers: counts.get(index) ?? 0,
    }
  })
}
