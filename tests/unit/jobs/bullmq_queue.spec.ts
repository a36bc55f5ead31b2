import { test } from '@japa/runner'
import logger from '@adonisjs/core/services/logger'
import runtime from '#config/runtime'
import { redisOptions } from '#config/redis'
import { Queue } from 'bullmq'
import { BullMqQueue } from '#jobs/bullmq_queue'
import { JobRegistry } from '#jobs/job_registry'

/*
| BullMQ needs Redis, which embedded mode must never touch: these run in
| the PostgreSQL + Redis suite only.
*/
if (runtime.redis) {
  test.group('Jobs | BullMQ queue', (group) => {
    const queues: Queue[] = []
    const drivers: BullMqQueue[] = []
    group.each.teardown(async () => {
      await Promise.all(drivers.splice(0).map((driver) => driver.stop()))
      await Promise.all(queues.splice(0).map(async (queue) => { await queue.obliterate({ force: true }); await queue.close() }))
    })

    function driverFor(registry: JobRegistry, name: string) {
      const connection = redisOptions()
      const queue = new Queue(name, { connection, prefix: 'stockroom-test' })
      queues.push(queue)
      const driver = new BullMqQueue(registry, logger, { queue: () => queue, connection, prefix: 'stockroom-test' })
      drivers.push(driver)
      return { driver, queue }
    }

    test('jobs are added under their stable name and worked by name', async ({ assert }) => {
      const seen: string[] = []
      const registry = new JobRegistry()
      registry.define<{ sku: string }>({ name: 'test.by-name', handle: ({ sku }) => { seen.push(sku) } })
      const { driver, queue } = driverFor(registry, `by-name-${Date.now()}`)
      await driver.dispatch('test.by-name', { sku: 'SKU-1' })
      const [job] = await queue.getJobs(['wait', 'delayed', 'prioritized'])
      assert.equal(job.name, 'test.by-name')
      await driver.drain(10_000, queue.name)
      assert.deepEqual(seen, ['SKU-1'])
    })

    test('a dedupe key keeps a second dispatch out', async ({ assert }) => {
      let runs = 0
      const registry = new JobRegistry()
      registry.define({ name: 'test.dedupe', handle: () => { runs++ } })
      const { driver, queue } = driverFor(registry, `dedupe-${Date.now()}`)
      await driver.dispatch('test.dedupe', {}, { dedupeKey: 'delivery:1' })
      await driver.dispatch('test.dedupe', {}, { dedupeKey: 'delivery:1' })
      await driver.drain(10_000, queue.name)
      assert.equal(runs, 1)
    })

    test('retries with backoff, then failed() runs once', async ({ assert }) => {
      const attempts: number[] = []
      const failures: string[] = []
      const registry = new JobRegistry()
      registry.define({
        name: 'test.flaky',
        attempts: 3,
        backoffMs: 10,
        handle: (_p, meta) => { attempts.push(meta.attempt); throw new Error('nope') },
        failed: (_p, error) => { failures.push(error.message) },
      })
      const { driver, queue } = driverFor(registry, `flaky-${Date.now()}`)
      await driver.dispatch('test.flaky', {})
      await driver.drain(10_000, queue.name)
      const deadline = Date.now() + 2000
      while (failures.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      assert.deepEqual(attempts, [1, 2, 3])
      assert.deepEqual(failures, ['nope'])
    })

    test('dispatch fails clearly instead of hanging when Redis is unreachable', async ({ assert }) => {
      const registry = new JobRegistry()
      registry.define({ name: 'test.unreachable', handle: () => {} })
      const connection = { ...redisOptions(), port: 1, retryStrategy: () => 1000 }
      const queue = new Queue(`unreachable-${Date.now()}`, { connection })
      queue.on('error', () => {})
      const driver = new BullMqQueue(registry, logger, { queue: () => queue, connection, dispatchTimeoutMs: 300 })
      await assert.rejects(() => driver.dispatch('test.unreachable', {}), /Redis did not accept job "test.unreachable" in time/)
      await queue.close().catch(() => {})
    })
  })
}
