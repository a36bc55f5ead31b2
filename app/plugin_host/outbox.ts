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
  #closed = false
  #running: Promise<unknown> | null = null
  #sweeper?: NodeJS.Timeout

  constructor(
    protected host: PluginHost,
    protected queue: JobQueue,
    protected logger: LoggerService
  ) {}

  activate() {
    activeRelay = this
  }

  nudge() {
    if (this.#scheduled || this.#closed) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      if (this.#closed) return
      const run: Promise<unknown> = this.relayPending()
        .catch((error) => this.logger.warn({ err: error }, 'outbox relay failed; the sweep will try again'))
        .finally(() => {
          if (this.#running === run) this.#running = null
        })
      this.#running = run
    })
  }

  /**
   * Stops sweeping, lets a scheduled or running pass finish and refuses new
   * ones, so no relay query outlives the database connections at shutdown.
   * Events recorded afterwards wait in the outbox for the next process.
   */
  async close() {
    this.#closed = true
    this.stopSweeping()
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

  /** Relays up to `limit` events, oldest first; answers how many. */
  async relayPending(limit = 100): Promise<number> {
    const events = await OutboxEvent.query().whereNull('relayed_at').orderBy('id').limit(limit)
    for (const event of events) {
      const listeners = this.host.listenersFor(event.name)
      if (listeners.length > 0) {
        const client = db.connection()
        const now = dbTimestamp(client)
        await client
          .table('outbox_deliveries')
          .insert(
            listeners.map((listener) => ({
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
          .knexQuery.onConflict(['event_id', 'listener'])
          .ignore()
        const pending = await OutboxDelivery.query().where('event_id', event.id).where('status', 'pending')
        for (const delivery of pending) await this.dispatch(delivery)
      }
      await OutboxEvent.query().where('id', event.id).whereNull('relayed_at').update({ relayed_at: dbTimestamp(db.connection()) })
    }
    return events.length
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
