import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toMajorUnits } from '#services/money'
import { addExcluded } from './rollup_columns.js'

/**
 * An opaque, stable key for whoever paid: the customer account when there
 * is one, otherwise the guest's email, hashed, so analytics tables never
 * hold an address. A guest who later signs up counts as a new customer.
 */
export function customerKey(customerId: number | null | undefined, email: string | null | undefined) {
  if (customerId) return `c${customerId}`
  const normalised = String(email ?? '').trim().toLowerCase()
  return `e${createHash('sha256').update(normalised).digest('hex').slice(0, 32)}`
}

/** Lower bounds (major units) of the lifetime value histogram's buckets. */
export const VALUE_BUCKETS = [0, 25, 50, 100, 250, 500, 1000, 2500] as const

/** The histogram bucket of a lifetime value in minor units; zero or less goes in the first. */
export function valueBucket(value: number, currency: string) {
  const major = toMajorUnits(value, currency)
  let bucket = 0
  for (const [index, bound] of VALUE_BUCKETS.entries()) if (major >= bound) bucket = index
  return bucket
}

async function addDailyCustomers(trx: TransactionClientContract, day: string, fresh: number, returning: number) {
  await trx
    .table('analytics_daily_customers')
    .insert({ day, new_customers: fresh, returning_customers: returning })
    .knexQuery.onConflict('day')
    .merge(addExcluded('analytics_daily_customers', ['new_customers', 'returning_customers']))
}

async function addCohort(trx: TransactionClientContract, cohortMonth: string, month: string, customers: number) {
  await trx
    .table('analytics_cohorts')
    .insert({ cohort_month: cohortMonth, month, customers })
    .knexQuery.onConflict(['cohort_month', 'month'])
    .merge(addExcluded('analytics_cohorts', ['customers']))
}

async function addBucket(trx: TransactionClientContract, currency: string, bucket: number, customers: number) {
  await trx
    .table('analytics_value_buckets')
    .insert({ currency, bucket, customers })
    .knexQuery.onConflict(['currency', 'bucket'])
    .merge(addExcluded('analytics_value_buckets', ['customers']))
}

async function claim(trx: TransactionClientContract, table: string, row: Record<string, string | number>, key: string[]) {
  const inserted = await trx.table(table).insert(row).knexQuery.onConflict(key).ignore().returning(key[0])
  return inserted.length > 0
}

async function lockedCustomer(trx: TransactionClientContract, key: string) {
  const query = trx.from('analytics_customers').where('customer_key', key)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.first()
}

/**
 * A paid order of `key` on store day `day`. Keeps, in the caller's
 * transaction: the customer's first day and month (the earliest paid order,
 * even when events arrive out of order), new vs returning customers per day
 * (each customer counted once a day), the cohort matrix and the customer's
 * lifetime value in `currency`.
 */
export async function addCustomerOrder(trx: TransactionClientContract, key: string, day: string, currency: string, amount: number) {
  const month = day.slice(0, 7)
  const created = await claim(trx, 'analytics_customers', { customer_key: key, first_day: day, first_month: month }, ['customer_key'])
  const before = created ? null : await lockedCustomer(trx, key)
  const newDay = await claim(trx, 'analytics_customer_days', { customer_key: key, day }, ['customer_key', 'day'])
  const newMonth = await claim(trx, 'analytics_customer_months', { customer_key: key, month }, ['customer_key', 'month'])

  let cohort = month
  if (created) {
    await addDailyCustomers(trx, day, 1, 0)
  } else {
    cohort = before.first_month
    if (newDay && day > before.first_day) await addDailyCustomers(trx, day, 0, 1)
    if (newDay && day < before.first_day) {
      // an earlier order arrived late: the old first day becomes a returning visit
      await addDailyCustomers(trx, before.first_day, -1, 1)
      await addDailyCustomers(trx, day, 1, 0)
      await trx.from('analytics_customers').where('customer_key', key).update({ first_day: day, first_month: month })
      if (month < before.first_month) {
        cohort = month
        const months = await trx.from('analytics_customer_months').where('customer_key', key).whereNot('month', month).select('month')
        for (const row of months) {
          await addCohort(trx, before.first_month, row.month, -1)
          await addCohort(trx, month, row.month, 1)
        }
        if (!newMonth) {
          await addCohort(trx, before.first_month, month, -1)
          await addCohort(trx, month, month, 1)
        }
      }
    }
  }
  if (newMonth) await addCohort(trx, cohort, month, 1)
  await addCustomerValue(trx, key, currency, amount, 1)
}

/** Adds to a customer's lifetime value (a refund adds a negative amount) and moves them between histogram buckets. */
export async function addCustomerValue(trx: TransactionClientContract, key: string, currency: string, amount: number, orders: number) {
  // the row first, so concurrent listeners of one customer queue on its lock instead of racing to insert it
  if (await claim(trx, 'analytics_customer_values', { customer_key: key, currency, orders: 0, value: 0 }, ['customer_key', 'currency'])) {
    await addBucket(trx, currency, valueBucket(0, currency), 1)
  }
  const query = trx.from('analytics_customer_values').where({ customer_key: key, currency })
  if (trx.dialect.name === 'postgres') query.forUpdate()
  const before = await query.firstOrFail()
  const value = Number(before.value) + amount
  await trx
    .from('analytics_customer_values')
    .where({ customer_key: key, currency })
    .update({ value, orders: Number(before.orders) + orders })
  const [from, to] = [valueBucket(Number(before.value), currency), valueBucket(value, currency)]
  if (from !== to) {
    await addBucket(trx, currency, from, -1)
    await addBucket(trx, currency, to, 1)
  }
}

export const CUSTOMER_TABLES = [
  'analytics_customers',
  'analytics_customer_days',
  'analytics_customer_months',
  'analytics_daily_customers',
  'analytics_cohorts',
  'analytics_customer_values',
  'analytics_value_buckets',
] as const
