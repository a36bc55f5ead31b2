import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The worker process of production mode: works queued jobs and sweeps the
 * outbox until SIGTERM or SIGINT, then lets running jobs finish and exits.
 * With the database driver it can run beside the web processes too.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Work queued jobs and relay outbox events until stopped (SIGTERM/SIGINT)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: 'Queues to work (default: default)' })
  declare queue: string[]

  async run() {
    const queue = await this.app.container.make('stockroom.queue')
    const relay = await this.app.container.make('stockroom.outbox')
    const router = await this.app.container.make('router')
    // jobs may build URLs (emails link to orders)
    router.commit()

    const queues = this.queue?.length ? this.queue : ['default']
    await (queue as any).start(queues)
    relay.startSweeping()
    relay.nudge()
    const { PeriodicJobs } = await import('#services/periodic_jobs')
    const periodic = new PeriodicJobs(queue, undefined, (error, job) =>
      this.logger.warning(`could not queue periodic job ${job.name}: ${(error as Error)?.message}`)
    )
    periodic.start()
    this.logger.info(`Working jobs (${queue.driver}) on queues: ${queues.join(', ')}. Stop with SIGTERM or Ctrl+C.`)
    const metricsServer = await this.#serveMetrics()

    let stopping = false
    const stop = async (signal: string) => {
      if (stopping) return
      stopping = true
      this.logger.info(`${signal} received: finishing running jobs`)
      relay.stopSweeping()
      periodic.stop()
      metricsServer?.close()
      await queue.stop()
      await this.app.terminate()
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  }

  /** With METRICS_PORT, this worker's own /metrics (job wait and run times live here with BullMQ). */
  async #serveMetrics() {
    const env = (await import('#start/env')).default
    const port = env.get('METRICS_PORT')
    if (!port) return undefined
    const host = env.get('HOST') ?? '127.0.0.1'
    const { serveMetrics } = await import('#observability/metrics_server')
    const server = await serveMetrics(port, host)
    this.logger.info(`Metrics on http://${host}:${port}/metrics`)
    return server
  }
}
