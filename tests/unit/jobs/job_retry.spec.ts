import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'

const JOB = 'test.job-retry-unit'
const outcomes = new Map<string, boolean>()
const runs = new Map<string, number>()

/*
| listJobs / countJobs / retry on the queue this run boots with: the jobs
| table on SQLite, BullMQ on PostgreSQL + Redis.
*/
test.group('Jobs | failed-job listing and retry', (group) => {
  group.each.teardown(() => settleOutbox())

  async function failed() {
    const { host, queue } = await outboxServices()
    if (!host.jobs.has(JOB)) {
      host.jobs.define<{ marker: string }>({
        name: JOB,
        handle: ({ marker }) => {
          runs.set(marker, (runs.get(marker) ?? 0) + 1)
          if (!outcomes.get(marker)) throw new Error(`refused ${marker}`)
        },
      })
    }
    const marker = randomBytes(4).toString('hex')
    await queue.dispatch(JOB, { marker }, { attempts: 2, backoffMs: 5 })
    await settleOutbox()
    const { jobs, total } = await queue.listJobs('failed', { offset: 0, limit: 500 })
    const job = jobs.find((candidate) => (candidate.payload as { marker?: string }).marker === marker)!
    return { queue, marker, job, total }
  }

  test('a job that used every attempt is listed as failed with its error and counts', async ({ assert }) => {
    const { queue, marker, job, total } = await failed()
    assert.equal(runs.get(marker), 2)
    assert.deepInclude(job, { name: JOB, state: 'failed', attempts: 2, maxAttempts: 2 })
    assert.match(job.lastError!, new RegExp(`^refused ${marker}`))
    assert.instanceOf(job.at, Date)
    assert.isAtMost(Math.abs(job.at!.getTime() - Date.now()), 60_000)
    assert.isAtLeast(total, 1)
    const counts = await queue.countJobs()
    assert.equal(counts.failed, total)
    assert.sameMembers(Object.keys(counts), ['pending', 'running', 'failed'])
  })

  test('two retries at once queue the job once, with its attempts reset', async ({ assert }) => {
    const { queue, marker, job } = await failed()
    outcomes.set(marker, true)
    const results = await Promise.all([queue.retry(job.id), queue.retry(job.id)])
    assert.sameMembers(results, ['retried', 'not_failed'])
    await settleOutbox()
    assert.equal(runs.get(marker), 3, 'ran once more, and succeeded')
    assert.equal(await queue.retry(job.id), 'not_failed')
    assert.equal(await queue.retry('999999999'), 'missing')
  })

  test('a job that failed again after a retry had all its attempts again', async ({ assert }) => {
    const { queue, marker, job } = await failed()
    assert.equal(await queue.retry(job.id), 'retried')
    await settleOutbox()
    assert.equal(runs.get(marker), 4, 'two more attempts')
    const { jobs } = await queue.listJobs('failed', { offset: 0, limit: 500 })
    assert.equal(jobs.find((candidate) => candidate.id === job.id)?.attempts, 2)
  })
})
