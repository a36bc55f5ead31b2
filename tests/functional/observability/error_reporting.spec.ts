import { createServer, type Server } from 'node:http'
import { gunzipSync } from 'node:zlib'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import DashboardController from '#controllers/admin/dashboard_controller'
import { flushErrorReports, startErrorReporting, stopErrorReporting } from '#observability/error_reporting'
import { signedInStaff } from '#tests/helpers/staff_session'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

interface SentryEvent {
  exception?: { values?: Array<{ type?: string; value?: string }> }
  tags?: Record<string, string>
  user?: Record<string, unknown>
  request?: unknown
  environment?: string
}

/**
 * A stand-in for Sentry's ingest: receives the SDK's envelope POSTs
 * (`/api/<project>/envelope/`) and keeps the events in them.
 */
class SentryStandIn {
  events: SentryEvent[] = []
  paths: string[] = []
  #server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      this.paths.push(request.url ?? '')
      let body = Buffer.concat(chunks)
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body)
      // an envelope: a header line, then (item header, item payload) pairs
      const lines = body.toString('utf8').split('\n').filter(Boolean)
      for (let index = 1; index + 1 < lines.length; index += 2) {
        if (JSON.parse(lines[index]).type === 'event') this.events.push(JSON.parse(lines[index + 1]))
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return `http://public@127.0.0.1:${(this.#server.address() as AddressInfo).port}/1`
  }

  stop() {
    return new Promise((resolve) => this.#server.close(resolve))
  }

  /** The event whose exception message includes `marker`, once the SDK has sent it. */
  async eventAbout(marker: string) {
    await flushErrorReports()
    return this.events.find((event) => event.exception?.values?.some((value) => value.value?.includes(marker)))
  }
}

test.group('Observability | errors sent to Sentry', (group) => {
  const standIn = new SentryStandIn()
  group.setup(async () => {
    await startErrorReporting(await standIn.start(), 'test')
    return async () => {
      await stopErrorReporting()
      await standIn.stop()
    }
  })
  group.each.setup(() => clearRateLimits())

  test('a request that fails sends its error, request id, route and staff id: no email or card number', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('owner')
    const marker = `dashboard-broke-${randomBytes(4).toString('hex')}`
    app.container.swap(DashboardController, () => ({
      index() {
        throw new Error(`${marker} for ${staff.email} paying 4242 4242 4242 4242`)
      },
    }) as unknown as DashboardController)
    let response
    try {
      response = await agent.get('/admin', { 'x-request-id': `req-${marker}` })
    } finally {
      app.container.restore(DashboardController)
    }
    assert.equal(response.status, 500)

    const event = await standIn.eventAbout(marker)
    assert.exists(event, `an event about ${marker} among ${standIn.events.length}`)
    assert.equal(event!.exception!.values!.at(-1)!.type, 'Error')
    assert.equal(event!.tags!.request_id, `req-${marker}`)
    assert.equal(event!.tags!.route, '/admin')
    assert.equal(event!.tags!.method, 'GET')
    assert.deepEqual(event!.user, { id: `staff:${staff.id}` })
    assert.equal(event!.environment, 'test')
    assert.isUndefined(event!.request, 'no headers, cookies or body')
    const sent = JSON.stringify(event)
    assert.notInclude(sent, staff.email)
    assert.notInclude(sent, '4242 4242')
    assert.include(sent, '[email]')
    assert.match(standIn.paths.at(-1)!, /^\/api\/1\/envelope\//)
  })

  test('answers that are not the server’s fault send nothing: a 404, a refused sign-in', async ({ assert }) => {
    const count = standIn.events.length
    const { agent } = await signedInStaff('support')
    assert.equal((await agent.get('/no-such-page-for-sentry')).status, 404)
    assert.equal((await agent.get('/admin/system/jobs')).status, 403)
    await flushErrorReports()
    assert.equal(standIn.events.length, count)
  })

  test('a job that fails its last attempt sends its error with the job name and id', async ({ assert }) => {
    const { host, queue } = await outboxServices()
    const name = 'test.sentry-broken-job'
    if (!host.jobs.has(name)) {
      host.jobs.define<{ marker: string }>({
        name,
        handle: ({ marker }) => {
          throw new Error(`${marker}: the warehouse said no`)
        },
      })
    }
    const marker = `job-broke-${randomBytes(4).toString('hex')}`
    await queue.dispatch(name, { marker }, { attempts: 1 })
    await settleOutbox()

    const event = await standIn.eventAbout(marker)
    assert.exists(event, `an event about ${marker}`)
    assert.equal(event!.tags!.job, name)
    assert.match(event!.tags!.job_id, /\S/)
    assert.notEqual(event!.tags!.job_id, 'none')
    assert.equal(event!.tags!.attempt, '1')
  })
})
