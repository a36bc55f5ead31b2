import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { DiscountFactory } from '#database/factories/discount_factory'
import { TaxRateFactory } from '#database/factories/tax_rate_factory'
import { StaffUserFactory } from '#database/factories/staff_user_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { recordAudit } from '#services/audit_log'
import { formatStoreDateTime } from '#services/store_time'
import { flatShipping } from '#tests/helpers/checkout'
import { signedInStaff } from '#tests/helpers/staff_session'

/*
| A design review found stored values on back-office lists: "10 % off",
| "now – no end", "Active: Yes", a shipping price "5.00" without its
| currency, a location's "default", a role's "catalog_manager" in the audit
| log. Each reads as a merchant would write it.
*/

/** One table row's HTML, by the row's id. */
function row(html: string, id: string) {
  const match = new RegExp(`<tr id="${id}">[\\s\\S]*?</tr>`).exec(html)
  if (!match) throw new Error(`no row ${id}`)
  return match[0]
}

test.group('Admin | stored values in words', () => {
  test('discounts, tax rates and shipping: rates without a space before %, money with its currency, dates as a sentence, status badges', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const startsAt = DateTime.utc().plus({ days: 3 })
    const discount = await DiscountFactory.merge({ code: `TEN-${uniqueSuffix()}`.toUpperCase(), startsAt }).create()
    const fixed = await DiscountFactory.apply('fixed').merge({ code: `FIVE-${uniqueSuffix()}`.toUpperCase(), active: false }).create()
    const discounts = (await agent.get('/admin/discounts')).text
    const ten = row(discounts, `discount-${discount.id}`)
    assert.include(ten, '10% off')
    assert.include(ten, `From ${formatStoreDateTime(startsAt)}, no end date`)
    assert.match(ten, /class="badge badge--success">Active</)
    const five = row(discounts, `discount-${fixed.id}`)
    assert.include(five, '$5.00 off')
    assert.match(five, /class="badge">Inactive</)
    assert.notInclude(discounts, ' % off')
    assert.notInclude(discounts, 'no end<')

    const rate = await TaxRateFactory.merge({ rate: 825 }).create()
    assert.include(row((await agent.get('/admin/tax-rates')).text, `tax-rate-${rate.id}`), '8.25%')

    const methodId = await flatShipping('DE', 599)
    const shipping = row((await agent.get('/admin/shipping')).text, `shipping-method-${methodId}`)
    assert.include(shipping, '$5.99')
    assert.notMatch(shipping, /<td>\s*5\.99\s*<\/td>/)
    assert.match(shipping, /class="badge badge--success">Active</)
  })

  test('stock locations show Default and Active as badges', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const page = (await agent.get('/admin/inventory/locations')).text
    assert.match(page, /class="badge badge--info">Default</)
    assert.notMatch(page, /<td data-label="Status">(default|active|inactive)<\/td>/)
  })

  test('staff: the role as text beside a small Change fold-out, the status a badge; the audit log names roles in words', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const member = await StaffUserFactory.apply('catalog_manager').create()
    const page = (await agent.get('/admin/staff')).text
    const memberRow = row(page, `staff-${member.id}`)
    assert.include(memberRow, '<span data-role>Catalog manager</span>')
    assert.match(memberRow, /<details class="role-change">\s*<summary>Change/)
    assert.match(memberRow, /class="badge badge--success">Active</)

    await recordAudit({ actor: { type: 'cli' }, action: 'staff.role_changed', subjectType: 'staff_user', subjectId: String(member.id), changes: { role: ['catalog_manager', 'support'] } })
    const audit = (await agent.get(`/admin/audit?subjectType=staff_user&subjectId=${member.id}`)).text
    assert.include(audit, '<del>Catalog manager</del> → <ins>Support</ins>')
  })
})

test.group('Admin | empty lists', () => {
  test('an empty list is a titled empty state with one line and a way forward, not a bare sentence', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const customers = (await agent.get('/admin/customers?q=no-such-customer-anywhere')).text
    assert.match(customers, /<div class="empty-state">\s*<h2 class="empty-state__title">No customers match<\/h2>\s*<p>[^<]+<\/p>\s*<p><a class="button button--secondary" href="\/admin\/customers">Show all customers<\/a><\/p>/)
    const products = (await agent.get('/admin/products?q=no-such-product-anywhere')).text
    assert.include(products, '<h2 class="empty-state__title">No products match</h2>')
  })
})
