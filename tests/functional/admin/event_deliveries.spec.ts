import { test } from '@japa/runner'
import { recordEvent } from '#plugin_host/outbox'
import OutboxDelivery from '#models/outbox_delivery'
import AuditLog from '#models/audit_log'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const LISTENER = 'test.admin-events-flaky'
const LIST = '/admin/system/events'




/**
 * A listener that fails until `state.healthy` is set, with one attempt per
 * delivery so a single drain leaves it failed, and a failed delivery for it.
 */
async function failedDelivery(state: { healthy: boolean; calls: number }) {
  const { host } = await outboxServices()
  host.listen({
    id: LISTENER,
    event: 'CustomerRegistered',
    attempts: 1,
    backoffMs: 5,
    handle: () => {
      state.calls++
      if (!state.healthy) throw new Error('SMTP relay <mx.example> refused us\nsecond line of detail')
    },
  })
  const event = await recordEvent('CustomerRegistered', { customerId: 77, email: '<b>ada</b>@example.com' })
  await settleOutbox()
  const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', LISTENER).firstOrFail()
  return { event, delivery }
}

function retryPath(id: number) {
  return `/admin/system/events/deliveries/${id}/retry`
}

test.group('Admin | event deliveries', (group) => {
  group.each.setup(() => clearRateLimits())
  group.each.teardown(async () => {
    // work what a test left queued, so it cannot reach the next test's listener
    await settleOutbox()
    const { host } = await outboxServices()
    host.unlisten(LISTENER)
  })

  test('guests are sent to sign in', async ({ assert }) => {
    const guest = new HttpAgent()
    const list = await guest.get(LIST)
    assert.equal(list.status, 302)
    assert.equal(list.location, `/admin/login?next=${encodeURIComponent(LIST)}`)
    const detail = await guest.get(`${LIST}/1`)
    assert.equal(detail.status, 302)
    assert.match(detail.location!, /^\/admin\/login/)
  })

  test('staff without settings.manage are refused, and cannot retry', async ({ assert }) => {
    const { delivery } = await failedDelivery({ healthy: false, calls: 0 })
    const { agent } = await signedInStaff('fulfillment')

    assert.equal((await agent.get(LIST)).status, 403)
    const detail = await agent.get(`${LIST}/${delivery.id}`)
    assert.equal(detail.status, 403)
    assert.notInclude(detail.text, 'refused us')
    assert.notInclude((await agent.get('/admin')).text, `href="${LIST}"`, 'the sidebar hides the entry')

    const retry = await agent.submit('/admin', retryPath(delivery.id), {})
    assert.equal(retry.status, 403)
    await delivery.refresh()
    assert.equal(delivery.status, 'failed')
    assert.equal(delivery.retriesRequested, 0)
  })

  test('a failed delivery shows on the list and its detail page with its error', async ({ assert }) => {
    const { event, delivery } = await failedDelivery({ healthy: false, calls: 0 })
    assert.equal(delivery.status, 'failed')
    const { agent } = await signedInStaff('admin')

    const page = await agent.get(LIST)
    assert.equal(page.status, 200)
    assert.include(page.text, '<title>Event deliveries')
    assert.include(page.text, `<a href="${LIST}" aria-current="page">Event deliveries</a>`)
    const row = page.text.match(new RegExp(`<tr id="delivery-${delivery.id}">[\\s\\S]*?</tr>`))?.[0] ?? ''
    assert.include(row, 'CustomerRegistered')
    assert.include(row, `<td>${event.id}</td>`)
    assert.include(row, `<code>${LISTENER}</code>`)
    assert.include(row, '<span class="badge badge--danger">Failed</span>')
    assert.include(row, '<td>1/1</td>')
    assert.include(row, 'SMTP relay &lt;mx.example&gt; refused us')
    assert.notInclude(row, 'second line of detail', 'the list shows the first line only')
    assert.match(row, new RegExp(`<form method="POST" action="${retryPath(delivery.id)}"`))
    assert.match(row, /name='_csrf'/)
    assert.match(page.text, /<dd data-status="failed">[1-9]\d*<\/dd>/)
    assert.match(page.text, /<dd data-unrelayed>\d+<\/dd>/)
    const { queue } = await outboxServices()
    assert.include(page.text, `<code>${queue.driver}</code>`)

    const detail = await agent.get(`${LIST}/${delivery.id}`)
    assert.equal(detail.status, 200)
    assert.include(detail.text, 'SMTP relay &lt;mx.example&gt; refused us\nsecond line of detail')
    assert.include(detail.text, '    at ', 'the whole stack is shown')
    assert.include(detail.text, '&quot;email&quot;: &quot;&lt;b&gt;ada&lt;/b&gt;@example.com&quot;')
    assert.include(detail.text, '&quot;customerId&quot;: 77')
    assert.notInclude(detail.text, '<b>ada</b>')
    assert.equal((await agent.get(`${LIST}/999999999`)).status, 404)
  })

  test('filters by status and event name, with an htmx fragment', async ({ assert }) => {
    const { delivery } = await failedDelivery({ healthy: false, calls: 0 })
    const { agent } = await signedInStaff('admin')
    const rowId = `id="delivery-${delivery.id}"`

    assert.include((await agent.get(`${LIST}?status=failed`)).text, rowId)
    assert.notInclude((await agent.get(`${LIST}?status=delivered`)).text, rowId)
    assert.include((await agent.get(`${LIST}?event=CustomerRegistered&status=`)).text, rowId)
    assert.notInclude((await agent.get(`${LIST}?event=OrderPlaced`)).text, rowId)
    // a bad filter value shows everything rather than an error
    assert.include((await agent.get(`${LIST}?status=bogus`)).text, rowId)

    const fragment = await agent.get(`${LIST}?status=failed`, { 'HX-Request': 'true' })
    assert.equal(fragment.status, 200)
    assert.match(fragment.text.trim(), /^<div id="deliveries-table">/)
    assert.include(fragment.text, rowId)
    assert.notInclude(fragment.text, '<html')
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')
  })

  test('a retried delivery is queued again and, once the listener works, delivered', async ({ assert }) => {
    const state = { healthy: false, calls: 0 }
    const { delivery } = await failedDelivery(state)
    const { agent, staff } = await signedInStaff('admin')

    // fixed first: with BullMQ a worker may take the job before the response arrives
    state.healthy = true
    const response = await agent.submit(LIST, retryPath(delivery.id), {})
    assert.equal(response.status, 303)
    assert.equal(response.location, LIST)
    await delivery.refresh()
    assert.oneOf(delivery.status, ['pending', 'running', 'delivered'])
    assert.equal(delivery.retriesRequested, 1)
    assert.isNull(delivery.lastError)
    assert.include((await agent.get(LIST)).text, 'Delivery queued again')

    const audit = await AuditLog.query().where('action', 'event_delivery.retried').where('subject_id', String(delivery.id)).firstOrFail()
    assert.equal(audit.actorId, staff.id)

    await settleOutbox()
    await delivery.refresh()
    assert.equal(delivery.status, 'delivered')
    assert.equal(state.calls, 2)

    const detail = await agent.get(`${LIST}/${delivery.id}`)
    assert.include(detail.text, '<span class="badge badge--success">Delivered</span>')
    assert.notInclude(detail.text, `action="${retryPath(delivery.id)}"`)
    const delivered = await agent.get(`${LIST}?status=delivered`)
    assert.include(delivered.text, `id="delivery-${delivery.id}"`)
  })

  test('an htmx retry answers the updated row', async ({ assert }) => {
    const { delivery } = await failedDelivery({ healthy: false, calls: 0 })
    const { agent } = await signedInStaff('admin')
    const _csrf = await agent.csrfTokenFrom(LIST)

    const response = await agent.post(retryPath(delivery.id), { _csrf }, { 'HX-Request': 'true' })
    assert.equal(response.status, 200)
    assert.match(response.text.trim(), new RegExp(`^<tr id="delivery-${delivery.id}">`))
    assert.include(response.text, '>Pending</span>')
    assert.notInclude(response.text, 'refused us')
  })

  test('a delivery that is not failed cannot be retried', async ({ assert }) => {
    const state = { healthy: true, calls: 0 }
    const { delivery } = await failedDelivery(state)
    assert.equal(delivery.status, 'delivered')
    const { agent } = await signedInStaff('admin')

    const response = await agent.submit(LIST, retryPath(delivery.id), {})
    assert.equal(response.status, 303)
    assert.include((await agent.get(LIST)).text, 'Only failed deliveries can be retried; this one is delivered.')
    await settleOutbox()
    await delivery.refresh()
    assert.equal(delivery.status, 'delivered')
    assert.equal(delivery.retriesRequested, 0)
    assert.equal(state.calls, 1, 'the listener never ran twice')
  })
})
