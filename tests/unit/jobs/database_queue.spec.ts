import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DatabaseQueue } from '#jobs/database_queue'
import { JobRegistry } from '#jobs/job_registry'

/**
 * The jobs table is the queue of embedded mode and also works on
 * PostgreSQL, so these run in both suites.
 */
test.group('Jobs | database queue', (group) => {
  group.each.setup(async () => {
    await db.from('jobs').where('name', 'like', 'test.%').delete()
  })

  test('each job runs exactly once with several workers claiming at the same time', async ({ assert }) => {
    const runs = new Map<number, number>()
    const registry = new JobRegistry()
    registry.define<{ n: number }>({
      name: 'test.count',
      handle: async ({ n }) => {
        runs.set(n, (runs.get(n) ?? 0) + 1)
        await new Promise((resolve) => setTimeout(resolve, 1))
      },
    })
    const workers = [1, 2, 3].map(() => new DatabaseQueue(db, registry, logger, { concurrency: 3, pollMs: 10 }))
    for (let n = 0; n < 60; n++) await workers[0].dispatch('test.count', { n })

    await Promise.all(workers.map((worker) => worker.drain(20_000)))

    assert.equal(runs.size, 60)
    assert.isTrue([...runs.values()].every((count) => count === 1))
    const left = await db.from('jobs').where('name', 'test.count').whereNot('status', 'completed').count('* as total')
    assert.equal(Number(left[0].total), 0)
  })

  test('a dedupe key keeps a second dispatch from queueing the job twice', async ({ assert }) => {
    let runs = 0
    const registry = new JobRegistry()
    registry.define({ name: 'test.once', handle: () => { runs++ } })
    const queue = new DatabaseQueue(db, registry, logger)
    await queue.dispatch('test.once', {}, { dedupeKey: 'test-once-1' })
    await queue.dispatch('test.once', {}, { dedupeKey: 'test-once-1' })
    await queue.drain()
    assert.equal(runs, 1)
  })

  test('a failing job is retried with growing delays, then failed() runs once', async ({ assert }) => {
    const attempts: number[] = []
    const failures: string[] = []
    const registry = new JobRegistry()
    registry.define({
      name: 'test.fails',
      attempts: 3,
      backoffMs: 20,
      handle: (_payload, meta) => {
        attempts.push(meta.attempt)
        throw new Error(`attempt ${meta.attempt} failed`)
      },
      failed: (_payload, error) => { failures.push(error.message) },
    })
    const queue = new DatabaseQueue(db, registry, logger)
    const started = Date.now()
    await queue.dispatch('test.fails', {})
    await queue.drain()

    assert.deepEqual(attempts, [1, 2, 3])
    assert.deepEqual(failures, ['attempt 3 failed'])
    // 20 ms then 40 ms of backoff between the three attempts
    assert.isAtLeast(Date.now() - started, 55)
    const row = await db.from('jobs').where('name', 'test.fails').first()
    assert.equal(row.status, 'failed')
    assert.equal(row.last_error, 'attempt 3 failed')
  })

  test('a job whose worker died is taken over once its lease runs out', async ({ assert }) => {
    let runs = 0
    const registry = new JobRegistry()
    registry.define({ name: 'test.orphan', handle: () => { runs++ } })
    const queue = new DatabaseQueue(db, registry, logger)
    await queue.dispatch('test.orphan', {})
    // as if a worker claimed it and then crashed: running, lease already over
    await db.from('jobs').where('name', 'test.orphan').update({ status: 'running', attempts: 1, locked_until_ms: Date.now() - 1 })
    await queue.drain()
    assert.equal(runs, 1)
    const row = await db.from('jobs').where('name', 'test.orphan').first()
    assert.equal(row.status, 'completed')
    assert.equal(Number(row.attempts), 2)
  })

  test('the in-process worker picks up jobs as they are dispatched', async ({ assert }) => {
    const done: number[] = []
    const registry = new JobRegistry()
    registry.define<{ n: number }>({ name: 'test.live', handle: ({ n }) => { done.push(n) } })
    const queue = new DatabaseQueue(db, registry, logger, { pollMs: 20 })
    await queue.start()
    try {
      await queue.dispatch('test.live', { n: 1 })
      await queue.dispatch('test.live', { n: 2 })
      const deadline = Date.now() + 5000
      while (done.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    } finally {
      await queue.stop()
    }
    assert.sameMembers(done, [1, 2])
  })

  test('an unknown job name is refused at dispatch', async ({ assert }) => {
    const queue = new DatabaseQueue(db, new JobRegistry(), logger)
    await assert.rejects(() => queue.dispatch('test.nope', {}), 'No job named "test.nope" is defined')
  })
})
