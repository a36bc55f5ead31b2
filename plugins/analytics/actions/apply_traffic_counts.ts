import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DomainEvents } from '#events/domain_events'
import { storeDay } from '../store_clock.js'
import { addExcluded } from '../rollups/rollup_columns.js'

/**
 * Adds one StorefrontTrafficCounted event's counts to the daily funnel,
 * once per outbox event (a redelivery finds its id claimed and adds
 * nothing). Buckets are UTC quarter hours, so each falls inside one store
 * day whatever the time zone. `handle` answers whether the event was new.
 */
export default class ApplyTrafficCounts {
  handle(payload: DomainEvents['StorefrontTrafficCounted'], outboxEventId: number) {
    return db.transaction(async (trx) => {
      const claimed = await trx
        .table('analytics_applied_traffic')
        .insert({ outbox_event_id: outboxEventId })
        .knexQuery.onConflict('outbox_event_id')
        .ignore()
        .returning('outbox_event_id')
      if (!claimed.length) return false
      const days = new Map<string, { visits: number; carts: number; checkouts: number }>()
      for (const bucket of payload.buckets ?? []) {
        const at = DateTime.fromISO(bucket.at, { zone: 'utc' })
        if (!at.isValid) continue
        const day = storeDay(at)
        const sum = days.get(day) ?? { visits: 0, carts: 0, checkouts: 0 }
        sum.visits += Math.max(0, Math.trunc(Number(bucket.visits) || 0))
        sum.carts += Math.max(0, Math.trunc(Number(bucket.carts) || 0))
        sum.checkouts += Math.max(0, Math.trunc(Number(bucket.checkouts) || 0))
        days.set(day, sum)
      }
      for (const [day, counts] of days) {
        await trx
          .table('analytics_daily_funnel')
          .insert({ day, ...counts })
          .knexQuery.onConflict('day')
          .merge(addExcluded('analytics_daily_funnel', ['visits', 'carts', 'checkouts']))
      }
      return true
    })
  }
}
