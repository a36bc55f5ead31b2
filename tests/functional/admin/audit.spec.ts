import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import AuditLog from '#models/audit_log'
import { recordAudit } from '#services/audit_log'
import { signedInStaff } from '#tests/helpers/staff_session'
import { uniqueSuffix } from '#database/factories/unique'
import { AUDIT_PAGE_SIZE } from '#queries/admin_audit_query'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { extractCsrfToken } from '#tests/helpers/http_agent'
import Product from '#models/product'
import { readableChanges } from '#queries/audit_changes'

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
    // price is an amount in minor units: shown as money
    assert.include(first.text, `<del>$0.${AUDIT_PAGE_SIZE + 4}</del> → <ins>$0.${AUDIT_PAGE_SIZE + 5}</ins>`)
    assert.notInclude(first.text, '>Test other</a>', 'the CLI row is not by this staff member')
    // actions and subjects in words, not keys
    assert.include(first.text, '>Test changed</a>')
    assert.include(first.text, `>Widget #${subject}</a>`)
    assert.notInclude(first.text, '<code>test.changed</code>')

    const next = /href="(\/admin\/audit\?[^"]*before=\d+)"/.exec(first.text)![1].replaceAll('&amp;', '&')
    const second = await agent.get(next, { 'hx-request': 'true' })
    const secondIds = [...second.text.matchAll(/id="audit-(\d+)"/g)].map((match) => Number(match[1]))
    assert.lengthOf(secondIds, 5)
    assert.isBelow(Math.max(...secondIds), Math.min(...ids))
    assert.notInclude(second.text, '<html', 'htmx gets the table alone')

    const byAction = await agent.get(`/admin/audit?action=test.*&subjectId=${subject}`)
    assert.include(byAction.text, '>Test other</a>')
    assert.match(byAction.text, /<td data-label="Who">\s*the CLI\s*<\/td>/, 'who, for a row not by a staff member, in words')
    assert.include(byAction.text, 'Old &lt;b&gt;', 'values are escaped')
  })

  test('a product edit reads as a human diff: labels, money as money, only the variant fields that changed', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const title = `Audit Tee ${uniqueSuffix()}`
    const newPage = (await agent.get('/admin/products/new')).text
    await agent.post('/admin/products', { _csrf: extractCsrfToken(newPage)!, title, status: 'draft', 'variants[0][price]': '20.00', 'variants[0][sku]': `AUD-${uniqueSuffix()}` })
    const product = await Product.query().where('title', title).preload('variants').firstOrFail()
    const [variant] = product.variants
    const editPage = (await agent.get(`/admin/products/${product.id}/edit`)).text
    const saved = await agent.post(`/admin/products/${product.id}?_method=PUT`, {
      _csrf: extractCsrfToken(editPage)!, title, status: 'active', lockVersion: '1', seoTitle: 'Soft tee',
      'variants[0][id]': String(variant.id), 'variants[0][price]': '18.00', 'variants[0][compareAtPrice]': '25.00', 'variants[0][sku]': variant.sku!,
    })
    assert.equal(saved.status, 303)

    const page = await agent.get(`/admin/audit?subjectType=product&subjectId=${product.id}&action=product.updated`)
    assert.include(page.text, `<dt>Variants · ${variant.title} · Price</dt>`)
    assert.include(page.text, '<del>$20.00</del> → <ins>$18.00</ins>')
    assert.include(page.text, `<dt>Variants · ${variant.title} · Compare-at price</dt>`)
    assert.include(page.text, '<dd>$25.00</dd>', 'a value set for the first time has no before')
    assert.include(page.text, '<dt>Status</dt>')
    assert.include(page.text, '<del>Draft</del> → <ins>Active</ins>', 'status values in words')
    assert.include(page.text, '<dt>SEO title</dt>')
    assert.notInclude(page.text, `<dt>Variants · ${variant.title} · SKU</dt>`, 'unchanged fields are left out')
    assert.notInclude(page.text, '2000', 'no amounts in cents')
  })

  test('readable changes: yes/no, lists, objects, the recorded currency and older variant lines', ({ assert }) => {
    assert.deepEqual(readableChanges({ isActive: [true, false], tags: [['a', 'b'], ['b']], refund: [null, { amount: 1250, reason: 'damaged' }] }), [
      { field: 'Active', before: 'Yes', after: 'No', diff: true },
      { field: 'Tags', before: 'a, b', after: 'b', diff: true },
      { field: 'Refund', before: null, after: 'Amount: $12.50, Reason: damaged', diff: false },
    ])
    assert.deepEqual(readableChanges({ amount: [500, 750], currency: 'EUR' }), [{ field: 'Amount', before: '€5.00', after: '€7.50', diff: true }])
    assert.deepEqual(readableChanges({ variants: [['Default | sku T-1 | 2000 USD'], ['Default | sku T-1 | 1800 USD']] }), [
      { field: 'Variants', before: 'Default | sku T-1 | $20.00', after: 'Default | sku T-1 | $18.00', diff: true },
    ])
    assert.deepEqual(readableChanges(null), [])
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
    assert.include(page.text, '<dt>Active</dt>')
    assert.include(page.text, '<del>Yes</del> → <ins>No</ins>')

    assert.equal((await member.agent.get('/admin/audit')).status, 302, 'deactivated: signed out')
    const analyst = await signedInStaff('analyst')
    assert.equal((await analyst.agent.get('/admin/audit')).status, 403)
    assert.equal((await analyst.agent.get('/admin/audit/export.csv')).status, 403)
  })
})
