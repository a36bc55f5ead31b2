import { spawn } from 'node:child_process'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import runtime from '#config/runtime'
import { BULL_LOCK_MS, BULL_STALLED_CHECK_MS } from '#jobs/bullmq_queue'

const JOB = 'test.crash-recovery'

/**
 * A worker process that takes every job of the queue and never finishes
 * one, as a worker killed mid-job leaves them: locked, with nobody renewing
 * the lock once it is gone. Plain BullMQ with the app's lock settings, so
 * it starts in a second instead of booting the app.
 */
function startHangingWorker(redisUrl: string) {
  const url = new URL(redisUrl)
  const script = `
    import { Worker } from 'bullmq'
    new Worker('default', async (job) => {
      if (job.name === ${JSON.stringify(JOB)}) console.log('taken ' + job.id)
      await new Promise(() => {})
    }, {
      connection: { host: ${JSON.stringify(url.hostname)}, port: ${Number(url.port || 6379)}, db: ${Number(url.pathname.slice(1) || 0)}, maxRetriesPerRequest: null },
      prefix: 'stockroom', concurrency: 50, lockDuration: ${BULL_LOCK_MS}, stalledInterval: ${BULL_STALLED_CHECK_MS},
    })`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: app.makePath(), stdio: ['ignore', 'pipe', 'inherit'] })
  const taken = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('taken') && resolve())
    child.on('exit', (code) => reject(new Error(`the hanging worker exited with ${code}`)))
  })
  return { child, taken }
}

test.group('Jobs | a worker killed mid-job (BullMQ)', () => {
  test('its job runs again on another worker within 25 s, not after a minute', async ({ assert }) => {
    const host = await app.container.make('stockroom.plugins')
    const queue = await app.container.make('stockroom.queue')
    const ran: number[] = []
    if (!host.jobs.has(JOB)) host.jobs.define({ name: JOB, attempts: 3, handle: async ({ n }: { n: number }) => void ran.push(n) })

    // the test process's own worker steps aside so the hanging one takes the job
    await queue.stop()
    const { child, taken } = startHangingWorker(runtime.redisUrl!)
    const n = Date.now()
    await queue.dispatch(JOB, { n })
    await taken
    child.kill('SIGKILL')
    const killedAt = performance.now()

    await queue.drain(25_000)
    const recoveredIn = performance.now() - killedAt
    assert.deepEqual(ran, [n])
    assert.isBelow(recoveredIn, 25_000)
    console.log(`BullMQ: a job of a kill -9'd worker ran again after ${Math.round(recoveredIn)} ms`)
  })
    .skip(runtime.jobsDriver !== 'bullmq', 'BullMQ only: the database queue has its own lease (JOBS_LEASE_MS)')
    .timeout(45_000)
})
