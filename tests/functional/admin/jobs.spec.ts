import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const JOB = 'test.admin-jobs-flaky'
const LIST = '/admin/system/jobs'

/** Marker -> whether that job's work succeeds now; runs counts every attempt. */
const healthy = new Map<string, boolean>()
const runs = new Map<string, number>()

async function defineFlakyJob() {
  const { host } = await outboxServices()
  if (host.jobs.has(JOB)) return
  host.jobs.define<{ marker: string }>({
    name: JOB,
    handle: ({ marker }) => {
      runs.set(marker, (runs.get(marker) ?? 0) + 1)
      if (!healthy.get(marker)) throw new Error(`Warehouse API <wms.example> said no to ${marker}\nsecond line of detail`)
    },
  })
}

/** A job that used its only attempt and failed, and its id as the queue reports it. */
async function failedJob() {
  await defineFlakyJob()
  const marker = `m-${randomBytes(4).toString('hex')}`
  const { queue } = await outboxServices()
  await queue.dispatch(JOB, { marker }, { attempts: 1 })
  await settleOutbox()
  const { jobs } = await queue.listJobs('failed', { offset: 0, limit: 200 })
  const job = jobs.find((candidate) => (candidate.payload as { marker?: string })?.marker === marker)
  if (!job) throw new Error(`job ${marker} did not fail`)
  return { marker, job }
}

const retryPath = (id: string) => `${LIST}/${encodeURIComponent(id)}/retry`

test.group('Admin | failed jobs', (group) => {
  group.each.setup(() => clearRateLimits())
  group.each.teardown(() => settleOutbox())

  test('guests are sent to sign in', async ({ assert }) => {
    const response = await new HttpAgent().get(LIST)
    assert.equal(response.status, 302)
    assert.equal(response.location, `/admin/login?next=${encodeURIComponent(LIST)}`)
  })

  test('staff without settings.manage are refused, and cannot retry', async ({ assert }) => {
    const { job, marker } = await failedJob()
    const { agent } = await signedInStaff('support')
    const page = await agent.get(LIST)
    assert.equal(page.status, 403)
    assert.notInclude(page.text, marker)
    assert.notInclude((await agent.get('/admin')).text, `href="${LIST}"`, 'the sidebar hides the entry')

    const retry = await agent.submit('/admin', retryPath(job.id), {})
    assert.equal(retry.status, 403)
    assert.equal(runs.get(marker), 1)
    const { queue } = await outboxServices()
    const { jobs } = await queue.listJobs('failed', { offset: 0, limit: 200 })
    assert.isTrue(jobs.some((candidate) => candidate.id === job.id), 'still failed')
  })

  test('a failed job is listed with its name, attempts, error and a retry form', async ({ assert }) => {
    const { job, marker } = await failedJob()
    const { agent } = await signedInStaff('admin')
    const page = await agent.get(LIST)
    assert.equal(page.status, 200)
    assert.include(page.text, '<title>Jobs')
    assert.include(page.text, `<a href="${LIST}" aria-current="page">Jobs</a>`)

    const row = page.text.match(new RegExp(`<tr id="job-${job.id}">[\\s\\S]*?</tr>`))?.[0] ?? ''
    assert.include(row, `<code>${JOB}</code>`)
    assert.include(row, '<span class="badge badge--danger">Failed</span>')
    assert.include(row, '<td>1/1</td>')
    assert.include(row, `<summary>Warehouse API &lt;wms.example&gt; said no to ${marker}</summary>`)
    assert.include(row, 'second line of detail', 'the whole error is one click away')
    assert.match(row, /<time datetime="\d{4}-\d\d-\d\dT/)
    assert.include(row, `<form method="POST" action="${retryPath(job.id)}"`)
    assert.match(row, /name='_csrf'/)
    assert.match(page.text, /<dd data-state="failed">[1-9]\d*<\/dd>/)
    const { queue } = await outboxServices()
    assert.include(page.text, `<code>${queue.driver}</code>`)

    const fragment = await agent.get(`${LIST}?state=failed`, { 'HX-Request': 'true' })
    assert.match(fragment.text.trim(), /^<div id="jobs-table">/)
    assert.include(fragment.text, `id="job-${job.id}"`)
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')
    // a bad state shows the failed list rather than an error
    assert.include((await agent.get(`${LIST}?state=bogus`)).text, `id="job-${job.id}"`)
  })

  test('retry queues the job again with fresh attempts, audit-logged, once', async ({ assert }) => {
    const { job, marker } = await failedJob()
    const { agent, staff } = await signedInStaff('owner')
    healthy.set(marker, true)

    const response = await agent.submit(LIST, retryPath(job.id), {})
    assert.equal(response.status, 303)
    assert.equal(response.location, LIST)
    assert.include((await agent.get(LIST)).text, 'Job queued again')
    await settleOutbox()
    assert.equal(runs.get(marker), 2, 'it ran again and succeeded')

    const { queue } = await outboxServices()
    const { jobs } = await queue.listJobs('failed', { offset: 0, limit: 200 })
    assert.isFalse(jobs.some((candidate) => candidate.id === job.id))
    const audit = await AuditLog.query().where('action', 'job.retried').where('subject_id', job.id).firstOrFail()
    assert.equal(audit.actorId, staff.id)
    assert.equal(audit.subjectType, 'job')

    // the job is no longer failed: a second retry changes nothing
    const again = await agent.submit(LIST, retryPath(job.id), {})
    assert.equal(again.status, 303)
    assert.include((await agent.get(LIST)).text, 'Only failed jobs can be retried')
    assert.lengthOf(await AuditLog.query().where('action', 'job.retried').where('subject_id', job.id), 1)
    await settleOutbox()
    assert.equal(runs.get(marker), 2)
  })

  test('an htmx retry swaps the row for a status line', async ({ assert }) => {
    const { job, marker } = await failedJob()
    const { agent } = await signedInStaff('admin')
    healthy.set(marker, true)
    const _csrf = await agent.csrfTokenFrom(LIST)
    const response = await agent.post(retryPath(job.id), { _csrf }, { 'HX-Request': 'true' })
    assert.equal(response.status, 200)
    assert.match(response.text.trim(), new RegExp(`^<tr id="job-${job.id}">`))
    assert.include(response.text, 'Queued again')
    // the flash comes back as a toast for admin.js, not left over for the next page
    assert.deepEqual(JSON.parse(response.headers.get('hx-trigger') ?? 'null'), { toast: { toasts: [{ message: 'Job queued again', tone: 'success' }] } })
    assert.notInclude((await agent.get(LIST)).text, 'Job queued again')
    await settleOutbox()
    assert.equal(runs.get(marker), 2)
  })

  test('retrying a job that does not exist answers 404', async ({ assert }) => {
    const { agent } = await signedInStaff('admin')
    assert.equal((await agent.submit(LIST, retryPath('999999999'), {})).status, 404)
    assert.equal((await agent.submit(LIST, retryPath('no such job!'), {})).status, 404)
  })

  test('pending jobs are listed too', async ({ assert }) => {
    await defineFlakyJob()
    const marker = `p-${randomBytes(4).toString('hex')}`
    healthy.set(marker, true)
    const { queue } = await outboxServices()
    // nobody works jobs in this process until the next drain, so it stays pending
    await queue.stop()
    await queue.dispatch(JOB, { marker })
    const { agent } = await signedInStaff('admin')
    const page = await agent.get(`${LIST}?state=pending`)
    assert.equal(page.status, 200)
    assert.include(page.text, marker)
    assert.include(page.text, '<span class="badge">Pending</span>')
    // the chosen state names the table and marks its filter (templates once printed "[object Object]" here)
    assert.include(page.text, '<caption class="visually-hidden">pending jobs</caption>')
    assert.match(page.text, /aria-current="page"[^>]*>Pending \(/)
    assert.notInclude(page.text, '[object Object]')
    assert.notInclude(page.text, `action="${LIST}/`, 'only failed jobs have a retry button')
    await settleOutbox()
    assert.equal(runs.get(marker), 1)
  })
})
