import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { storeDay } from '../store_clock.js'
import { CUSTOMER_TABLES, customerKey, valueBucket } from './customer_facts.js'

interface Customer {
  firstDay: string
  days: Set<string>
  months: Set<string>
  values: Map<string, { orders: number; value: number }>
}

const CHUNK = 300

function instant(value: Date | string) {
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
}

/**
 * Recomputes every customer rollup (first orders, new vs returning per day,
 * cohorts, lifetime values and their histogram) from the paid and refunded
 * facts that are applied, in the rebuild's transaction. Customer figures
 * span all time (a customer is "returning" because of an order years ago),
 * so they are always rebuilt whole. Only applied facts count: a fact still
 * waiting in the outbox is added by its listener later, exactly once.
 * `facts` is OrdersReadPort's `factsQuery` as a derived table `f`.
 */
export async function rebuildCustomers(trx: TransactionClientContract, facts: string, timezone: string) {
  for (const table of CUSTOMER_TABLES) await trx.from(table).delete()

  const paid = await appliedFacts(trx, facts, 'paid')
  const customers = new Map<string, Customer>()
  for (const row of paid) {
    const key = customerKey(row.customer_id, row.email)
    const day = storeDay(instant(row.occurred_at), timezone)
    const customer = customers.get(key) ?? { firstDay: day, days: new Set(), months: new Set(), values: new Map() }
    if (day < customer.firstDay) customer.firstDay = day
    customer.days.add(day)
    customer.months.add(day.slice(0, 7))
    const currency = String(row.currency).trim()
    const value = customer.values.get(currency) ?? { orders: 0, value: 0 }
    value.orders += 1
    value.value += Number(row.total)
    customer.values.set(currency, value)
    customers.set(key, customer)
  }

  const refunds = await appliedFacts(trx, facts, 'refunded')
  const values = new Map<string, { orders: number; value: number }>()
  for (const [key, customer] of customers) {
    for (const [currency, value] of customer.values) values.set(`${key}|${currency}`, value)
  }
  for (const row of refunds) {
    const id = `${customerKey(row.customer_id, row.email)}|${String(row.currency).trim()}`
    const value = values.get(id) ?? { orders: 0, value: 0 }
    value.value -= Number(row.amount)
    values.set(id, value)
  }

  const daily = new Map<string, { new_customers: number; returning_customers: number }>()
  const cohorts = new Map<string, number>()
  for (const customer of customers.values()) {
    const firstMonth = customer.firstDay.slice(0, 7)
    for (const day of customer.days) {
      const entry = daily.get(day) ?? { new_customers: 0, returning_customers: 0 }
      if (day === customer.firstDay) entry.new_customers += 1
      else entry.returning_customers += 1
      daily.set(day, entry)
    }
    for (const month of customer.months) cohorts.set(`${firstMonth}|${month}`, (cohorts.get(`${firstMonth}|${month}`) ?? 0) + 1)
  }
  const buckets = new Map<string, number>()
  for (const [id, value] of values) {
    const currency = id.slice(id.indexOf('|') + 1)
    const bucket = `${currency}|${valueBucket(value.value, currency)}`
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
  }

  await insertAll(trx, 'analytics_customers', [...customers].map(([key, c]) => ({ customer_key: key, first_day: c.firstDay, first_month: c.firstDay.slice(0, 7) })))
  await insertAll(trx, 'analytics_customer_days', [...customers].flatMap(([key, c]) => [...c.days].map((day) => ({ customer_key: key, day }))))
  await insertAll(trx, 'analytics_customer_months', [...customers].flatMap(([key, c]) => [...c.months].map((month) => ({ customer_key: key, month }))))
  await insertAll(trx, 'analytics_daily_customers', [...daily].map(([day, entry]) => ({ day, ...entry })))
  await insertAll(
    trx,
    'analytics_cohorts',
    [...cohorts].map(([id, count]) => ({ cohort_month: id.slice(0, 7), month: id.slice(8), customers: count }))
  )
  await insertAll(
    trx,
    'analytics_customer_values',
    [...values].map(([id, value]) => ({ customer_key: id.slice(0, id.indexOf('|')), currency: id.slice(id.indexOf('|') + 1), ...value }))
  )
  await insertAll(
    trx,
    'analytics_value_buckets',
    [...buckets].map(([id, count]) => ({ currency: id.slice(0, id.indexOf('|')), bucket: Number(id.slice(id.indexOf('|') + 1)), customers: count }))
  )
  return customers.size
}

/** The applied facts of one kind: who paid, in which currency, how much, when. */
async function appliedFacts(trx: TransactionClientContract, facts: string, kind: 'paid' | 'refunded') {
  const result = await trx.rawQuery(
    `SELECT f.customer_id, f.email, f.currency, f.total, f.amount, f.occurred_at
     FROM ${facts}
     JOIN analytics_applied_events a ON a.order_event_id = f.fact_id
     WHERE f.kind = ?`,
    [kind]
  )
  return (Array.isArray(result) ? result : result.rows) as Array<{
    customer_id: number | null
    email: string
    currency: string
    total: number | string
    amount: number | string
    occurred_at: Date | string
  }>
}

async function insertAll(trx: TransactionClientContract, table: string, rows: Array<Record<string, unknown>>) {
  for (let index = 0; index < rows.length; index += CHUNK) await trx.table(table).multiInsert(rows.slice(index, index + CHUNK))
}
