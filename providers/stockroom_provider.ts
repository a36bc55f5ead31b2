import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ApplicationService } from '@adonisjs/core/types'
import type { PluginHost } from '#plugin_host/host'
import type { JobQueue } from '#jobs/queue'
import type { OutboxRelay } from '#plugin_host/outbox'
import type { Runtime } from '#config/runtime'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { Notifier } from '#plugin_host/extension_points/notifications'
import { PaymentsPort } from '#plugin_host/extension_points/payments'
import { PricingPipeline } from '#pricing/pipeline'
import { OrdersReadPort } from '#plugin_host/extension_points/orders'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'stockroom.plugins': PluginHost
    'stockroom.queue': JobQueue
    'stockroom.outbox': OutboxRelay
  }
}

/**
 * Wires Stockroom's own services: the plugin host, the job queue of the
 * current runtime mode and the outbox relay. Plugins register and boot in
 * `start`, after the route files ran, so their routes join the same router.
 *
 * The host is where plugins register drivers; the container is where core
 * gets them: InventoryPort, Notifier and PaymentsPort are bound here to the
 * active drivers, so actions inject them and tests `app.container.swap` them.
 */
export default class StockroomProvider {
  #started = false

  constructor(protected app: ApplicationService) {}

  register() {
    // Redis connection errors are logged once per outage, not once per retry (#services/redis_availability).
    this.app.container.resolving('redis', async (redis) => {
      const { watchRedisManager } = await import('#services/redis_availability')
      watchRedisManager(redis as any)
    })

    this.app.container.singleton('stockroom.plugins', async () => {
      const { PluginHost } = await import('#plugin_host/host')
      const logger = await this.app.container.make('logger')
      const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
      return new PluginHost(this.app, logger, pkg.version)
    })

    this.app.container.singleton('stockroom.queue', async () => {
      const runtime = this.app.config.get<Runtime>('runtime')
      const host = await this.app.container.make('stockroom.plugins')
      const logger = await this.app.container.make('logger')
      if (runtime.jobsDriver === 'bullmq') {
        const { BullMqQueue } = await import('#jobs/bullmq_queue')
        const manager = await this.app.container.make('rlanz/queue')
        const queueConfig = this.app.config.get<any>('queue')
        return new BullMqQueue(host.jobs, logger, {
          queue: (name) => manager.getOrSet(name),
          connection: queueConfig.defaultConnection,
          prefix: queueConfig.queue?.prefix,
          leaseMs: runtime.jobsLeaseMs,
        })
      }
      const { DatabaseQueue } = await import('#jobs/database_queue')
      const db = await this.app.container.make('lucid.db')
      return new DatabaseQueue(db, host.jobs, logger, { leaseMs: runtime.jobsLeaseMs })
    })

    // Resolved on each make (not singletons): the active driver is only known
    // once plugins booted, and a resolver is cheap next to the work done.
    this.app.container.bind(InventoryPort, async () => (await this.app.container.make('stockroom.plugins')).inventory())
    this.app.container.bind(Notifier, async () => (await this.app.container.make('stockroom.plugins')).notifier())
    // Core's read side for plugins (analytics): order facts without naming order tables.
    this.app.container.singleton(OrdersReadPort, async () => {
      const { OrderFactsQuery } = await import('#queries/order_facts_query')
      return new OrderFactsQuery()
    })
    this.app.container.singleton(PaymentsPort, async () => {
      const { RegisteredPayments } = await import('#plugin_host/payments_port')
      return new RegisteredPayments((await this.app.container.make('stockroom.plugins')).payments)
    })

    // The host's one pipeline: core's steps plus those plugins placed, for every pricing call.
    this.app.container.singleton(PricingPipeline, async () => (await this.app.container.make('stockroom.plugins')).pricing)

    this.app.container.singleton('stockroom.outbox', async () => {
      const { OutboxRelay } = await import('#plugin_host/outbox')
      return new OutboxRelay(
        await this.app.container.make('stockroom.plugins'),
        await this.app.container.make('stockroom.queue'),
        await this.app.container.make('logger')
      )
    })
  }

  async start() {
    const host = await this.app.container.make('stockroom.plugins')
    const logger = await this.app.container.make('logger')
    const router = await this.app.container.make('router')
    const { default: edge } = await import('edge.js')
    const { deliverEventJob } = await import('#plugin_host/outbox')
    const { registerCore } = await import('#start/core_extensions')

    await this.#routeReadsToReplicas()
    registerCore(host)
    host.jobs.define(deliverEventJob(host, logger))
    await host.register(this.app.config.get<any>('plugins').list)
    await host.boot(router, (name, folder) => edge.mount(name, fileURLToPath(folder)))

    const relay = await this.app.container.make('stockroom.outbox')
    relay.activate()
    // Providers shut down in the order they registered, Lucid's before this one: a
    // relay pass scheduled in between would open a new pool, whose reaper keeps the
    // process alive after its tests (or its SIGTERM). Terminating hooks run first.
    this.app.terminating(() => relay.close())
    this.#started = true
  }

  /**
   * Embedded mode works jobs inside the web process; with BullMQ the
   * separate `node ace jobs:work` process does (see commands/jobs_work.ts).
   */
  async ready() {
    const runtime = this.app.config.get<Runtime>('runtime')
    if (this.app.getEnvironment() !== 'web' || !runtime.jobsInProcess) return
    const queue = await this.app.container.make('stockroom.queue')
    const relay = await this.app.container.make('stockroom.outbox')
    await queue.start()
    relay.startSweeping()
    relay.nudge()
    await this.#startPeriodicJobs(queue)
  }

  #periodic?: { stop(): void }

  /** With DATABASE_READ_URL: routes the `pg` connection's reads (#services/read_replicas). */
  async #routeReadsToReplicas() {
    const { readReplicas } = await import('#services/read_replicas')
    if (!readReplicas) return
    const db = await this.app.container.make('lucid.db')
    const emitter = await this.app.container.make('emitter')
    emitter.on('db:connection:connect', (connection) => readReplicas.attach(connection))
    const open = db.manager.get('pg')?.connection
    if (open) readReplicas.attach(open)
  }

  /** Recurring core jobs (unpaid-order expiry), queued by whichever process works jobs. */
  async #startPeriodicJobs(queue: JobQueue) {
    const { PeriodicJobs } = await import('#services/periodic_jobs')
    const logger = await this.app.container.make('logger')
    const periodic = new PeriodicJobs(queue, undefined, (error, job) =>
      logger.warn({ err: error, job: job.name }, 'could not queue a periodic job')
    )
    periodic.start()
    this.#periodic = periodic
  }

  async shutdown() {
    if (!this.#started) return
    await (await import('#services/read_replicas')).readReplicas?.stop()
    this.#periodic?.stop()
    const relay = await this.app.container.make('stockroom.outbox')
    await relay.close()
    await (await this.app.container.make('stockroom.queue')).stop()
    await (await this.app.container.make('stockroom.plugins')).shutdown()
  }
}
