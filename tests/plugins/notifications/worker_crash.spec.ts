import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { recordEvent } from '#plugin_host/outbox'
import OutboxDelivery from '#models/outbox_delivery'
import runtime from '#config/runtime'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { SendGridStandIn } from '#tests/helpers/sendgrid_stand_in'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { createOrderForEmail } from './order_fixture.js'

/** Short enough for a test, long enough for a worker's boot: the dead worker's job is taken over after it. */
const LEASE_MS = 5000

/**
 * `node ace jobs:work` as production runs it, on this run's database (and
 * Redis, when set), with the sendgrid driver pointed at the stand-in.
 */
function startWorker(standInUrl: string) {
  // output to a file, not pipes: nothing ties this process to the worker's lifetime
  const logFile = join(mkdtempSync(join(tmpdir(), 'stockroom-worker-')), 'worker.log')
  const fd = openSync(logFile, 'w')
  const child = spawn(process.execPath, ['ace', 'jobs:work'], {
    cwd: app.makePath(),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SENDGRID_API_KEY: 'SG.worker-crash-test',
      SENDGRID_BASE_URL: standInUrl,
      SENDGRID_TIMEOUT_MS: '2000',
      JOBS_LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, output: () => readFileSync(logFile, 'utf8'), exited }
}

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number, logs: () => string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${what}. Worker output:\n${logs()}`)
}

async function stop(worker: { child: ChildProcess; exited: Promise<number | null> } | null) {
  if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return
  worker.child.kill('SIGTERM')
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000)
  await worker.exited
  clearTimeout(timer)
}

/*
| "Killing the worker mid-job loses no email": a real worker process takes
| the order-confirmation job and is SIGKILLed while SendGrid (the stand-in)
| has not answered yet; a second worker takes the job over once the lease
| runs out (database queue: the job's lease; BullMQ: its lock and the
| stalled-job check, both JOBS_LEASE_MS) and the email is accepted once.
*/
test.group('Notifications | worker killed mid-send', (group) => {
  let standIn: SendGridStandIn
  const workers: Array<ReturnType<typeof startWorker>> = []
  group.each.setup(async () => {
    await settleOutbox()
    // this process must not work jobs itself (a BullMQ drain leaves a worker running)
    const { queue } = await outboxServices()
    if (queue.driver === 'bullmq') await queue.stop()
    standIn = await SendGridStandIn.start()
    return async () => {
      for (const worker of workers.splice(0)) await stop(worker)
      await standIn.close()
    }
  })

  test('the email is sent exactly once after a second worker starts', async ({ assert }) => {
    const held = standIn.holdNext()
    const { order } = await createOrderForEmail()
    const event = await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })

    const first = startWorker(standIn.url)
    workers.push(first)
    const logs = () => workers.map((worker) => worker.output()).join('\n----\n')
    let noSend: NodeJS.Timeout | undefined
    const request = await Promise.race([
      held,
      first.exited.then((code) => Promise.reject(new Error(`worker exited early (${code}):\n${logs()}`))),
      new Promise<never>((_, reject) => {
        noSend = setTimeout(() => reject(new Error(`no send within 60 s:\n${logs()}`)), 60_000)
      }),
    ]).finally(() => clearTimeout(noSend))
    assert.deepEqual(request.body.personalizations[0].to, [{ email: order.email }])

    first.child.kill('SIGKILL')
    await first.exited
    const claimed = await NotificationMessage.findByOrFail('idempotencyKey', `order-confirmation:${event.id}`)
    assert.equal(claimed.status, 'sending', 'the dead worker left its claim behind')
    await waitFor('the held request to be dropped', async () => standIn.aborted.length === 1, 5000, logs)
    assert.lengthOf(standIn.accepted, 0)

    const second = startWorker(standIn.url)
    workers.push(second)
    const delivery = await waitFor(
      'the delivery to be done',
      async () => {
        const row = await OutboxDelivery.query().where('event_id', event.id).where('listener', 'notifications.order-confirmation').first()
        return row?.status === 'delivered' ? row : null
      },
      // BullMQ: up to one stalled-check interval that may have started in this process, then two of the worker's
      120_000,
      logs
    )

    assert.lengthOf(standIn.acceptedTo(order.email), 1, 'sent once')
    assert.lengthOf(standIn.accepted, 1)
    assert.isAtLeast(delivery.attempts, 2)
    const sent = await NotificationMessage.query().where('idempotency_key', `order-confirmation:${event.id}`)
    assert.lengthOf(sent, 1)
    assert.equal(sent[0].status, 'sent')
    assert.equal(sent[0].driver, 'sendgrid')
    assert.equal(sent[0].providerMessageId, 'stand-in-1')
    assert.include(logs(), runtime.jobsDriver === 'bullmq' ? '(bullmq)' : '(database)')

    // a graceful stop: SIGTERM lets the worker finish and exit 0
    second.child.kill('SIGTERM')
    assert.equal(await second.exited, 0)
  }).timeout(240_000)
})
