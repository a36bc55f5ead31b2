import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import AuditLog from '#models/audit_log'
import { recordAudit } from '#services/audit_log'
import { signedInStaff } from '#tests/helpers/staff_session'
import { uniqueSuffix } from '#database/factories/unique'
import { AUDIT_PAGE_SIZE } from '#queries/admin_audit_query'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | audit log', (group) => {
  group.each.setup(() => clearRateLimits())

  test('filters by staff member, action and subject; pages by keyset; shows diffs and where from', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('owner')
    const subject = `audit-${uniqueSuffix()}`
    const actor = { type: 'staff' as const, id: staff.id, ip: '203.0.113.9', userAgent: 'TestBrowser/1.0' }
    for (let index = 0; index < AUDIT_PAGE_SIZE + 5; index++) {
      await recordAudit({ actor, action: 'test.changed', subjectType: 'widget', subjectId: subject, changes: { price: [index, index + 1] } })
    }
    await recordAudit({ actor: { type: 'cli' }, action: 'test.other', subjectType: 'widget', subjectId: subject, changes: { title: ['Old <b>', 'New'] } })

    const first = await agent.get(`/admin/audit?subjectType=widget&subjectId=${subject}&staffId=${staff.id}`)
    assert.equal(first.status, 200)
    const ids = [...first.text.matchAll(/id="audit-(\d+)"/g)].map((match) => Number(match[1]))
    assert.lengthOf(ids, AUDIT_PAGE_SIZE)
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first')
    assert.include(first.text, '203.0.113.9')
    assert.include(first.text, 'TestBrowser/1.0')
    assert.include(first.text, `<del>${AUDIT_PAGE_SIZE + 4}</del> → <ins>${AUDIT_PAGE_SIZE + 5}</ins>`)
    assert.notInclude(first.text, '<code>test.other</code>', 'the CLI row is not by this staff member')

    const next = /href="(\/admin\/audit\?[^"]*before=\d+)"/.exec(first.text)![1].replaceAll('&amp;', '&')
    const second = await agent.get(next, { 'hx-request': 'true' })
    const secondIds = [...second.text.matchAll(/id="audit-(\d+)"/g)].map((match) => Number(match[1]))
    assert.lengthOf(secondIds, 5)
    assert.isBelow(Math.max(...secondIds), Math.min(...ids))
    assert.notInclude(second.text, '<html', 'htmx gets the table alone')

    const byAction = await agent.get(`/admin/audit?action=test.*&subjectId=${subject}`)
    assert.include(byAction.text, 'test.other')
    assert.include(byAction.text, 'Old &lt;b&gt;', 'values are escaped')
  })

  test('date range filter and streamed CSV export of every matching row', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('admin')
    const subject = `csv-${uniqueSuffix()}`
    for (let index = 0; index < 1205; index++) {
      await AuditLog.create({ actorType: 'staff', actorId: staff.id, action: 'test.exported', subjectType: 'widget', subjectId: subject, changes: { n: [index, index + 1] }, ip: '198.51.100.1', userAgent: 'UA' })
    }
    const response = await agent.get(`/admin/audit/export.csv?subjectId=${subject}&from=2000-01-01`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/)
    const rows = parse(response.text, { columns: true }) as Array<Record<string, string>>
    assert.lengthOf(rows, 1205, 'more than one keyset batch')
    assert.equal(rows[0].actor_email, staff.email)
    assert.deepEqual(JSON.parse(rows[0].changes), { n: [1204, 1205] })
    assert.deepEqual(JSON.parse(rows[1204].changes), { n: [0, 1] })

    const future = await agent.get(`/admin/audit?subjectId=${subject}&from=2999-01-01`)
    assert.include(future.text, 'No audit entries match.')
    const past = await agent.get(`/admin/audit?subjectId=${subject}&to=2000-01-01`)
    assert.include(past.text, 'No audit entries match.')
  }).timeout(60_000)

  test('staff mutations record who, from where, with before and after', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('owner')
    const member = await signedInStaff('analyst')
    await agent.submit('/admin/staff', `/admin/staff/${member.staff.id}/deactivate`, {})
    const row = await AuditLog.query().where('action', 'staff.deactivated').where('subject_id', String(member.staff.id)).firstOrFail()
    assert.deepInclude(row.$attributes, { actorType: 'staff', actorId: staff.id, subjectType: 'staff_user', ip: '127.0.0.1' })
    assert.isString(row.userAgent)
    const page = await agent.get(`/admin/audit?subjectType=staff_user&subjectId=${member.staff.id}`)
    assert.include(page.text, 'staff.deactivated')
    assert.include(page.text, '<del>true</del> → <ins>false</ins>')

    assert.equal((await member.agent.get('/admin/audit')).status, 302, 'deactivated: signed out')
    const analyst = await signedInStaff('analyst')
    assert.equal((await analyst.agent.get('/admin/audit')).status, 403)
    assert.equal((await analyst.agent.get('/admin/audit/export.csv')).status, 403)
  })
})
