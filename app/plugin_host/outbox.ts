import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { LoggerService } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OutboxEvent from '#models/outbox_event'
import OutboxDelivery from '#models/outbox_delivery'
import type { DomainEvents } from '#events/domain_events'
import type { PluginHost } from '#plugin_host/host'
import type { JobQueue } from '#jobs/queue'
import type { EventName, JobDefinition } from '#plugin_host/types'
import { dbTimestamp } from '#services/db_time'

export const DELIVER_JOB = 'outbox.deliver'

let activeRelay: OutboxRelay | null = null

/** How long a nudge waits before relaying, so a burst of commits is relayed in one pass. */
const NUDGE_DELAY_MS = 20

/**
 * A delivery still waiting this long after its last change has most likely
 * lost its job (Redis restarted without persistence, a failover, an
 * eviction): the sweep queues it again. Far above the longest retry backoff
 * of a live job, so a job that is merely waiting is rarely queued twice,
 * and then harmlessly (the job key deduplicates it).
 */
export const STALE_DELIVERY_MS = 5 * 60_000

/** How often the sweep looks for stale deliveries (one indexed query). */
const STALE_CHECK_INTERVAL_MS = 60_000

/** Delivery statuses whose job should exist in the queue. */
const QUEUED_STATUSES = ['pending', 'retrying'] as const

/** Delivery rows per insert statement (several listeners per event, far below bound-value caps). */
const DELIVERY_CHUNK = 200

/**
 * Records a domain event. Pass the transaction that makes the change, so
 * the event exists exactly when the change does; listeners hear of it
 * only after the commit, through the relay.
 */
export async function recordEvent<Name extends EventName>(
  name: Name,
  payload: DomainEvents[Name],
  trx?: TransactionClientContract
) {
  const event = await OutboxEvent.create(
    { name, payload: payload as Record<string, unknown>, occurredAt: DateTime.utc() },
    { client: trx }
  )
  if (trx) {
    trx.after('commit', () => activeRelay?.nudge())
  } else {
    activeRelay?.nudge()
  }
  return event
}

/**
 * Records many events of one kind in multi-row inserts, in `trx`: bulk
 * writers (imports) raise one event per product without a query each.
 */
export async function recordEvents<Name extends EventName>(
  name: Name,
  payloads: Array<DomainEvents[Name]>,
  trx: TransactionClientContract
) {
  const now = dbTimestamp(trx)
  const rows = payloads.map((payload) => ({
    name,
    payload: JSON.stringify(payload),
    occurred_at: now,
    created_at: now,
    updated_at: now,
  }))
  for (let start = 0; start < rows.length; start += 200) {
    await trx.table('outbox_events').multiInsert(rows.slice(start, start + 200))
  }
  if (rows.length) trx.after('commit', () => activeRelay?.nudge())
}

/**
 * Turns recorded events into one delivery per listener and queues a job
 * for each. Running it twice, or in two processes at once, is harmless:
 * the (event, listener) pair is unique and jobs are deduplicated by key.
 * A periodic sweep picks up anything a crashed process left behind.
 */
export class OutboxRelay {
  #scheduled = false
  /** a nudge arrived while a pass was running: run once more after it */
  #again = false
  #closed = false
  #running: Promise<unknown> | null = null
  #sweeper?: NodeJS.Timeout
  #timer?: NodeJS.Timeout
  #staleCheckedAt = 0

  constructor(
    protected host: PluginHost,
    protected queue: JobQueue,
    protected logger: LoggerService
  ) {}

  activate() {
    activeRelay = this
  }

  /**
   * Asks for a relay pass soon. Every committed transaction that recorded an
   * event calls this, so under load (a checkout commits one OrderPlaced per
   * order) nudges arrive far faster than passes finish. They are coalesced:
   * one pass at a time per process, started after a short delay that
   * gathers a burst of commits, and a nudge during a pass asks for exactly
   * one more pass after it. (Overlapping passes used to read the same
   * unrelayed events and update each of them again: about 25 relay
   * statements per order under 20 concurrent checkouts, competing with the
   * checkouts for pool connections.)
   */
  nudge() {
    if (this.#closed) return
    if (this.#running) {
      this.#again = true
      return
    }
    if (this.#scheduled) return
    this.#scheduled = true
    this.#timer = setTimeout(() => {
      this.#scheduled = false
      if (this.#closed) return
      const run: Promise<unknown> = this.relayPending()
        .then(() => this.#requeueStaleNow())
        .catch((error) => this.logger.warn({ err: error }, 'outbox relay failed; the sweep will try again'))
        .finally(() => {
          if (this.#running === run) this.#running = null
          if (this.#again) {
            this.#again = false
            this.nudge()
          }
        })
      this.#running = run
    }, NUDGE_DELAY_MS)
  }

  /**
   * Stops sweeping, drops a scheduled pass, lets a running one finish, refuses new
   * ones, so no relay query outlives the database connections at shutdown.
   * Events recorded afterwards wait in the outbox for the next process.
   */
  async close() {
    this.#closed = true
    this.stopSweeping()
    if (this.#scheduled) {
      clearTimeout(this.#timer)
      this.#scheduled = false
    }
    while (this.#scheduled || this.#running) {
      await (this.#running ?? new Promise((resolve) => setImmediate(resolve)))
    }
  }

  startSweeping(intervalMs = 2000) {
    this.stopSweeping()
    this.#sweeper = setInterval(() => this.nudge(), intervalMs)
    this.#sweeper.unref?.()
  }

  stopSweeping() {
    clearInterval(this.#sweeper)
  }

  /**
   * Relays up to `limit` events, oldest first; answers how many. A few
   * statements per pass, not per event: the deliveries of all the events
   * in one multi-row insert, their pending rows in one query, and one
   * update marking the whole batch relayed (most events, OrderPlaced
   * among them, have no listener at all and cost nothing else). A failure
   * leaves the batch unmarked; the next pass redoes it harmlessly (the
   * (event, listener) pair is unique, jobs are deduplicated by key).
   */
  async relayPending(limit = 100): Promise<number> {
    const events = await OutboxEvent.query().whereNull('relayed_at').orderBy('id').limit(limit)
    if (!events.length) return 0
    const client = db.connection()
    const now = dbTimestamp(client)
    const rows = events.flatMap((event) =>
      this.host.listenersFor(event.name).map((listener) => ({
        event_id: event.id,
        listener: listener.id,
        status: 'pending',
        attempts: 0,
        max_attempts: listener.attempts ?? 5,
        retries_requested: 0,
        created_at: now,
        updated_at: now,
      }))
    )
    if (rows.length) {
      for (let start = 0; start < rows.length; start += DELIVERY_CHUNK) {
        await client
          .table('outbox_deliveries')
          .insert(rows.slice(start, start + DELIVERY_CHUNK))
          .knexQuery.onConflict(['event_id', 'listener'])
          .ignore()
      }
      const pending = await OutboxDelivery.query()
        .whereIn('event_id', [...new Set(rows.map((row) => row.event_id))])
        .where('status', 'pending')
        .orderBy('id')
      for (const delivery of pending) await this.dispatch(delivery)
    }
    await OutboxEvent.query()
      .whereIn(
        'id',
        events.map((event) => event.id)
      )
      .whereNull('relayed_at')
      .update({ relayed_at: now })
    return events.length
  }

  /** At most once per STALE_CHECK_INTERVAL_MS, from the sweep's passes. */
  async #requeueStaleNow() {
    if (Date.now() - this.#staleCheckedAt < STALE_CHECK_INTERVAL_MS) return
    this.#staleCheckedAt = Date.now()
    await this.requeueStale()
  }

  /**
   * Queues again the deliveries relayed long ago whose job never ran: still
   * pending or retrying STALE_DELIVERY_MS after their last change. Their
   * last change is moved to now, so each is queued again once per period
   * at most. Answers how many were queued.
   */
  async requeueStale(olderThanMs = STALE_DELIVERY_MS, limit = 100): Promise<number> {
    const client = db.connection()
    const cutoff = dbTimestamp(client, DateTime.now().minus({ milliseconds: olderThanMs }))
    const stale = await OutboxDelivery.query()
      .whereIn('status', [...QUEUED_STATUSES])
      .where('updated_at', '<', cutoff)
      .orderBy('id')
      .limit(limit)
    if (!stale.length) return 0
    for (const delivery of stale) await this.dispatch(delivery)
    await OutboxDelivery.query()
      .whereIn(
        'id',
        stale.map((delivery) => delivery.id)
      )
      .whereIn('status', [...QUEUED_STATUSES])
      .update({ updated_at: dbTimestamp(client) })
    this.logger.warn({ deliveries: stale.map((delivery) => delivery.id) }, 'outbox deliveries had lost their jobs; queued again')
    return stale.length
  }

  /** Queues a delivery again after staff asked for a retry in admin. */
  async retry(delivery: OutboxDelivery) {
    delivery.merge({ status: 'pending', retriesRequested: delivery.retriesRequested + 1, lastError: null })
    await delivery.save()
    await this.dispatch(delivery)
  }

  protected dispatch(delivery: OutboxDelivery) {
    return this.queue.dispatch(
      DELIVER_JOB,
      { deliveryId: delivery.id },
      {
        dedupeKey: `delivery-${delivery.id}-${delivery.retriesRequested}`,
        attempts: delivery.maxAttempts,
        backoffMs: this.host.listener(delivery.listener)?.backoffMs,
      }
    )
  }
}

/**
 * The job that hands one event to one listener. A delivery that already
 * succeeded is never repeated; a failure is recorded on the delivery row
 * (visible in admin) and rethrown so the queue retries with backoff.
 */
export function deliverEventJob(host: PluginHost, logger: LoggerService): JobDefinition<{ deliveryId: number }> {
  return {
    name: DELIVER_JOB,
    async handle({ deliveryId }, { attempt }) {
      const delivery = await OutboxDelivery.find(deliveryId)
      if (!delivery || delivery.status === 'delivered') return
      const listener = host.listener(delivery.listener)
      if (!listener) {
        delivery.merge({ status: 'failed', lastError: `Listener "${delivery.listener}" is not registered (plugin disabled?)` })
        await delivery.save()
        return
      }
      const event = await OutboxEvent.findOrFail(delivery.eventId)
      delivery.merge({ status: 'running', attempts: delivery.attempts + 1 })
      await delivery.save()
      try {
        await listener.handle(event.payload as any, { eventId: event.id, attempt })
        delivery.merge({ status: 'delivered', deliveredAt: DateTime.utc(), lastError: null })
        await delivery.save()
      } catch (error) {
        delivery.merge({ status: 'retrying', lastError: (error as Error)?.stack ?? String(error) })
        await delivery.save()
        logger.warn({ err: error, listener: listener.id, eventId: event.id }, 'event listener failed')
        throw error
      }
    },
    async failed({ deliveryId }, error) {
      await OutboxDelivery.query()
        .where('id', deliveryId)
        .whereNot('status', 'delivered')
        .update({ status: 'failed', last_error: error?.stack ?? String(error) })
    },
  }
}
