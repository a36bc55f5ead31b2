import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import AuditLog from '#models/audit_log'
import { signedInStaff } from '#tests/helpers/staff_session'
import { uniqueSuffix } from '#database/factories/unique'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | audit log CSV in a spreadsheet', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a user agent or subject a visitor chose cannot run as a formula when the download is opened', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('admin')
    const subject = `=HYPERLINK("http://x","${uniqueSuffix()}")`
    await AuditLog.create({
      actorType: 'staff', actorId: staff.id, action: 'test.formula', subjectType: 'widget', subjectId: subject,
      changes: null, ip: '198.51.100.7', userAgent: '@SUM(1+1)',
    })
    const response = await agent.get(`/admin/audit/export.csv?subjectId=${encodeURIComponent(subject)}&from=2000-01-01`)
    assert.equal(response.status, 200)
    const rows = parse(response.text, { columns: true }) as Array<Record<string, string>>
    assert.deepEqual(rows.map((row) => [row.subject_id, row.user_agent, row.action]), [[`'${subject}`, "'@SUM(1+1)", 'test.formula']])
  })
})
