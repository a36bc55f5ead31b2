import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import Discount from '#models/discount'
import ShippingZone from '#models/shipping_zone'
import TaxRate from '#models/tax_rate'
import AuditLog from '#models/audit_log'
import { uniqueSuffix } from '#database/factories/unique'
import { DiscountFactory } from '#database/factories/discount_factory'
import { testCountryCode } from '#database/factories/shipping_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | discounts, shipping and tax', (group) => {
  group.each.setup(() => clearRateLimits())

  test('discounts: create, list with usage, refuse bad input and taken codes, edit with audit', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('admin')
    const code = `SUMMER-${uniqueSuffix().toUpperCase()}`
    const created = await agent.submit('/admin/discounts/new', '/admin/discounts', {
      code: code.toLowerCase(), kind: 'percentage', value: '12.5', currency: 'usd', minimumSubtotal: '20.00',
      startsAt: '', endsAt: '2099-01-01T00:00', usageLimit: '100', perCustomerLimit: '1', active: '1',
    })
    assert.equal(created.status, 303)
    const discount = await Discount.findByOrFail('code', code)
    assert.deepInclude(discount.$attributes, { kind: 'percentage', value: 1250, minimumSubtotal: 2000, usageLimit: 100, perCustomerLimit: 1, active: true })
    assert.equal(discount.endsAt?.toUTC().toISO(), '2099-01-01T00:00:00.000Z')

    await Discount.query().where('id', discount.id).update({ usage_count: 7 })
    const list = await agent.get('/admin/discounts')
    assert.match(list.text, new RegExp(`id="discount-${discount.id}"[\\s\\S]*?12.5% off[\\s\\S]*?data-usage>7 / 100<`))

    const bad = await agent.submit('/admin/discounts/new', '/admin/discounts', { code: 'x y', kind: 'percentage', value: '150', currency: 'USD' })
    assert.equal(bad.status, 422)
    assert.include(bad.text, 'id="discount-code-error"')
    const over = await agent.submit('/admin/discounts/new', '/admin/discounts', { code: `OK-${uniqueSuffix()}`, kind: 'percentage', value: '150', currency: 'USD' })
    assert.equal(over.status, 422)
    assert.include(over.text, 'Enter a percentage between 0.01 and 100.')
    const taken = await agent.submit('/admin/discounts/new', '/admin/discounts', { code: code.toLowerCase(), kind: 'free_shipping', currency: 'USD' })
    assert.equal(taken.status, 422)
    assert.include(taken.text, `The code ${code} already exists.`)

    const edit = `/admin/discounts/${discount.id}/edit`
    const below = await agent.submit(edit, `/admin/discounts/${discount.id}?_method=PUT`, { code, kind: 'fixed_amount', value: '5', currency: 'USD', usageLimit: '3' })
    assert.equal(below.status, 422)
    assert.include(below.text, 'used 7 times already')
    const updated = await agent.submit(edit, `/admin/discounts/${discount.id}?_method=PUT`, { code, kind: 'fixed_amount', value: '5', currency: 'USD', usageLimit: '10' })
    assert.equal(updated.status, 303)
    await discount.refresh()
    assert.deepInclude(discount.$attributes, { kind: 'fixed_amount', value: 500, usageCount: 7, usageLimit: 10, active: false })
    const audit = await AuditLog.query().where('action', 'discount.updated').where('subject_id', String(discount.id)).firstOrFail()
    assert.equal(audit.actorId, staff.id)
    assert.deepEqual((audit.changes as any).value, [1250, 500])
  })

  test('a discount used by orders cannot be deleted; an unused one can', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const used = await DiscountFactory.create()
    await db.table('discount_usages').insert({ discount_id: used.id, order_id: 999_999, email: 'a@example.test', created_at: dbTimestamp() })
    const refused = await agent.submit(`/admin/discounts/${used.id}/edit`, `/admin/discounts/${used.id}?_method=DELETE`, {})
    assert.equal(refused.status, 303)
    assert.exists(await Discount.find(used.id))
    assert.include((await agent.get('/admin/discounts')).text, 'deactivate it instead of deleting it')

    const unused = await DiscountFactory.create()
    const deleted = await agent.submit(`/admin/discounts/${unused.id}/edit`, `/admin/discounts/${unused.id}?_method=DELETE`, {})
    assert.equal(deleted.status, 303)
    assert.isNull(await Discount.find(unused.id))
    assert.exists(await AuditLog.query().where('action', 'discount.deleted').where('subject_id', String(unused.id)).first())
  })

  test('shipping zones and methods: countries belong to one zone, weight tiers stored in minor units', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const [first, second] = [testCountryCode(), testCountryCode()]
    const created = await agent.submit('/admin/shipping/zones/new', '/admin/shipping/zones', { name: `Zone ${first}`, countries: `${first.toLowerCase()}, ${second}` })
    assert.equal(created.status, 303)
    const zone = await ShippingZone.query().where('name', `Zone ${first}`).firstOrFail()
    assert.deepEqual(zone.countries, [first, second])

    const clash = await agent.submit('/admin/shipping/zones/new', '/admin/shipping/zones', { name: 'Clash', countries: `${second}, ZZZ` })
    assert.equal(clash.status, 422)
    assert.include(clash.text, 'Not two-letter country codes: ZZZ.')
    const taken = await agent.submit('/admin/shipping/zones/new', '/admin/shipping/zones', { name: 'Clash', countries: second })
    assert.include(taken.text, `Already in another zone: ${second}.`)

    const methodPath = `/admin/shipping/zones/${zone.id}/methods`
    const noTiers = await agent.submit(`${methodPath}/new`, methodPath, { name: 'Parcel', kind: 'weight', amount: '', active: '1' })
    assert.equal(noTiers.status, 422)
    assert.include(noTiers.text, 'needs weight bands or a price per kg')
    const method = await agent.submit(`${methodPath}/new`, methodPath, {
      'name': 'Parcel', 'kind': 'weight', 'amount': '0', 'active': '1', 'description': '2 days',
      'tiers[0][upToGrams]': '5000', 'tiers[0][amount]': '9.50',
      'tiers[1][upToGrams]': '1000', 'tiers[1][amount]': '4.25',
      'tiers[2][upToGrams]': '', 'tiers[2][amount]': '',
    })
    assert.equal(method.status, 303)
    await zone.load('methods')
    assert.deepEqual(zone.methods[0].weightTiers, [{ upToGrams: 1000, amount: 425 }, { upToGrams: 5000, amount: 950 }])
    const index = await agent.get('/admin/shipping')
    assert.include(index.text, 'up to 1000 g: $4.25')
    assert.exists(await AuditLog.query().where('action', 'shipping_method.created').where('subject_id', String(zone.methods[0].id)).first())
  })

  test('tax rates: percent stored as basis points, one per country and region', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const country = testCountryCode()
    const created = await agent.submit('/admin/tax-rates/new', '/admin/tax-rates', { countryCode: country.toLowerCase(), region: '', name: 'VAT', rate: '19', pricesIncludeTax: '1', shippingTaxable: '1' })
    assert.equal(created.status, 303)
    const rate = await TaxRate.query().where('country_code', country).firstOrFail()
    assert.deepInclude(rate.$attributes, { region: '', rate: 1900, pricesIncludeTax: true, shippingTaxable: true })
    const duplicate = await agent.submit('/admin/tax-rates/new', '/admin/tax-rates', { countryCode: country, name: 'Again', rate: '5' })
    assert.equal(duplicate.status, 422)
    assert.include(duplicate.text, `${country} already has a rate.`)
    const regional = await agent.submit('/admin/tax-rates/new', '/admin/tax-rates', { countryCode: country, region: 'North', name: 'Regional', rate: '7.25' })
    assert.equal(regional.status, 303)
    assert.include((await agent.get('/admin/tax-rates')).text, '7.25%')
  })

  test('staff without settings.manage are refused and see no links', async ({ assert }) => {
    const { agent } = await signedInStaff('catalog_manager')
    for (const path of ['/admin/discounts', '/admin/discounts/new', '/admin/shipping', '/admin/tax-rates']) {
      assert.equal((await agent.get(path)).status, 403, path)
    }
    const token = await agent.csrfTokenFrom('/admin/products')
    const refused = await agent.post('/admin/tax-rates', { _csrf: token, countryCode: 'QQ', name: 'Sneaky', rate: '1' })
    assert.equal(refused.status, 403)
    assert.isNull(await TaxRate.findBy('name', 'Sneaky'))
    const dashboard = await agent.get('/admin')
    assert.notInclude(dashboard.text, 'href="/admin/discounts"')
  })
})
