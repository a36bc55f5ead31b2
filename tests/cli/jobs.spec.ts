import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { cli } from '#tests/cli/helpers'

const JOB = 'test.cli-jobs-flaky'

/** Marker -> whether that job's work succeeds now; runs counts every attempt. */
const healthy = new Map<string, boolean>()
const runs = new Map<string, number>()

/** A job that used its only attempt and failed, as the queue lists it. */
async function failedJob() {
  const { host, queue } = await outboxServices()
  if (!host.jobs.has(JOB)) {
    host.jobs.define<{ marker: string }>({
      name: JOB,
      handle: ({ marker }) => {
        runs.set(marker, (runs.get(marker) ?? 0) + 1)
        if (!healthy.get(marker)) throw new Error(`Carrier API refused ${marker}\nmore detail`)
      },
    })
  }
  const marker = `cli-${randomBytes(4).toString('hex')}`
  await queue.dispatch(JOB, { marker }, { attempts: 1 })
  await settleOutbox()
  const { jobs } = await queue.listJobs('failed', { offset: 0, limit: 500 })
  const job = jobs.find((candidate) => (candidate.payload as { marker?: string })?.marker === marker)
  if (!job) throw new Error(`job ${marker} did not fail`)
  return { marker, job }
}

test.group('CLI | jobs', (group) => {
  group.each.teardown(() => settleOutbox())

  test('status counts jobs per state and lists failed ones with their error', async ({ assert }) => {
    const { job, marker } = await failedJob()
    const result = await cli('jobs', 'status', '--limit', '500', '--json')
    assert.equal(result.code, 0, result.stderr)
    const status = result.json()
    assert.isAtLeast(status.counts.failed, 1)
    assert.properties(status.counts, ['pending', 'running', 'failed'])
    const listed = status.failed.find((candidate: { id: string }) => candidate.id === job.id)
    assert.deepInclude(listed, { name: JOB, attempts: 1, maxAttempts: 1, queue: job.queue })
    assert.match(listed.lastError, new RegExp(`Carrier API refused ${marker}`))
    assert.isAtLeast(status.failedByQueue[job.queue], 1)

    const human = await cli('jobs', 'status', '--limit', '500')
    assert.match(human.stdout, /failed\s+\d+/)
    assert.include(human.stdout, JOB)
    assert.notInclude(human.stdout, 'more detail', 'the first line of the error only')
  })

  test('retry <id> queues a failed job again (audit-logged); a job that has not failed is left alone', async ({ assert }) => {
    const { job, marker } = await failedJob()
    healthy.set(marker, true)
    const result = await cli('jobs', 'retry', job.id, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(result.json(), { id: job.id, outcome: 'retried' })
    await settleOutbox()
    assert.equal(runs.get(marker), 2, 'worked again, and succeeded')
    const audit = await AuditLog.query().where('action', 'job.retried').where('subject_id', job.id).firstOrFail()
    assert.equal(audit.actorType, 'cli')

    const again = await cli('jobs', 'retry', job.id)
    assert.oneOf(again.code, [1, 2], 'a finished job is no longer failed (or gone)')
    assert.equal(runs.get(marker), 2)
  })

  test('retry --all-failed queues every failed job; bad usage exits 2', async ({ assert }) => {
    const first = await failedJob()
    const second = await failedJob()
    healthy.set(first.marker, true)
    healthy.set(second.marker, true)
    const result = await cli('jobs', 'retry', '--all-failed', '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.includeMembers(result.json().ids, [first.job.id, second.job.id])
    await settleOutbox()
    assert.equal(runs.get(first.marker), 2)
    assert.equal(runs.get(second.marker), 2)

    assert.equal((await cli('jobs', 'retry')).code, 2)
    assert.equal((await cli('jobs', 'retry', '1', '--all-failed')).code, 2)
    const missing = await cli('jobs', 'retry', '999999999')
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /No job with id 999999999/)
  })
})
