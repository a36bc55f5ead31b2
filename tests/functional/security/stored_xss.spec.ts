import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Collection from '#models/collection'
import ProductOption from '#models/product_option'
import { ProductFactory } from '#database/factories/product_factory'
import { VariantFactory } from '#database/factories/variant_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import { ShippingMethodFactory, ShippingZoneFactory } from '#database/factories/shipping_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent, extractCsrfToken, type AgentResponse } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { orderOf, signUp, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** Markup that runs script if any template printed it raw (attribute and element contexts). */
const PAYLOAD = `"'><script>alert("xss")</script><img src=x onerror=alert(1)><svg onload=alert(1)>`
const RAW = ['<script>alert("xss")', '<img src=x onerror', '<svg onload']

function xss(label: string) {
  return `${label}-${uniqueSuffix()} ${PAYLOAD}`
}

/** The payload is on the page only as text: escaped, never as markup. */
function assertEscaped(assert: any, page: AgentResponse, label: string, where: string) {
  assert.equal(page.status, 200, where)
  assert.include(page.text, label, `${where}: the field is rendered`)
  for (const raw of RAW) assert.notInclude(page.text, raw, `${where}: ${raw} printed raw`)
  assert.include(page.text, '&lt;script&gt;', `${where}: the payload is shown escaped`)
}

test.group('Security | stored XSS in every rendered text field', (group) => {
  group.each.setup(() => clearRateLimits())

  test('catalog: product title, description, option names and values, collection title and description', async ({ assert }) => {
    const title = xss('Product')
    const product = await ProductFactory.merge({
      title,
      // as an import or an older version could have stored it: output is sanitized again
      descriptionHtml: `<p>Kept text</p><script>alert("xss")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">link</a><iframe src="https://evil.example"></iframe>`,
    }).create()
    const optionName = xss('Option')
    await ProductOption.create({ productId: product.id, name: optionName, position: 1 })
    const optionValue = `Value-${uniqueSuffix()} ${PAYLOAD}`
    await VariantFactory.merge({ productId: product.id, option1: optionValue, title: optionValue }).create()
    const collectionTitle = xss('Collection')
    const collection = await Collection.create({
      handle: `xss-${uniqueSuffix()}`,
      title: collectionTitle,
      descriptionHtml: `<p>About</p><script>alert("xss")</script>`,
      kind: 'manual',
      published: true,
      sortOrder: 'manual',
    } as any)
    await db.table('collection_products').insert({ collection_id: collection.id, product_id: product.id, position: 1, created_at: new Date() })

    const page = await new HttpAgent().get(`/products/${product.handle}`)
    assertEscaped(assert, page, title.split(' ')[0], 'product page')
    assert.include(page.text, 'Kept text')
    assert.notInclude(page.text, 'javascript:alert')
    assert.notInclude(page.text, '<iframe')
    assert.include(page.text, optionName.split(' ')[0])
    assert.include(page.text, optionValue.split(' ')[0])

    assertEscaped(assert, await new HttpAgent().get(`/collections/${collection.handle}`), collectionTitle.split(' ')[0], 'collection page')

    const { agent } = await signedInStaff('owner')
    assertEscaped(assert, await agent.get(`/admin/products?q=${encodeURIComponent(title.split(' ')[0])}`), title.split(' ')[0], 'admin product list')
    assertEscaped(assert, await agent.get(`/admin/products/${product.id}/edit`), title.split(' ')[0], 'admin product editor')
    assertEscaped(assert, await agent.get('/admin/collections'), collectionTitle.split(' ')[0], 'admin collections')
  })

  test('the admin editor stores descriptions through the allow-list', async ({ assert }) => {
    const { agent } = await signedInStaff('catalog_manager')
    const title = `Sanitized ${uniqueSuffix()}`
    const _csrf = extractCsrfToken((await agent.get('/admin/products/new')).text)!
    const saved = await agent.post('/admin/products', {
      _csrf,
      title,
      status: 'active',
      description: '<h1>Head</h1><p onclick="alert(1)">Body <strong>bold</strong></p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
      'variants[0][price]': '10.00',
    })
    assert.oneOf(saved.status, [302, 303])
    const stored = await db.from('products').where('title', title).firstOrFail()
    assert.equal(stored.description_html, '<h2>Head</h2><p>Body <strong>bold</strong></p><a rel="nofollow noopener">x</a>')
  })

  test('customer name and address fields, on the account pages', async ({ assert }) => {
    const agent = new HttpAgent()
    const firstName = xss('Name')
    const email = uniqueEmail('xss')
    assert.equal((await signUp(agent, email, 'correct horse battery', { first_name: firstName, last_name: PAYLOAD })).location, '/account')
    assertEscaped(assert, await agent.get('/account'), firstName.split(' ')[0], 'account profile')

    const line1 = xss('Line')
    const saved = await agent.submit('/account/addresses', '/account/addresses', {
      first_name: firstName,
      last_name: PAYLOAD,
      company: PAYLOAD,
      line1,
      line2: PAYLOAD,
      city: PAYLOAD,
      region: PAYLOAD,
      postal_code: 'AB1 2CD',
      country_code: 'GB',
    })
    assert.oneOf(saved.status, [302, 303])
    assertEscaped(assert, await agent.get('/account/addresses'), line1.split(' ')[0], 'address book')
  })

  test('order addresses and staff notes, on the order status page and the admin order page', async ({ assert }) => {
    const name = xss('Buyer')
    const order = await orderOf(null, {
      shippingAddress: { firstName: name, lastName: PAYLOAD, company: PAYLOAD, line1: PAYLOAD, line2: PAYLOAD, city: PAYLOAD, region: PAYLOAD, postalCode: 'N1', countryCode: 'GB', phone: null } as any,
    }, { title: xss('Line title'), variantTitle: PAYLOAD })
    assertEscaped(assert, await new HttpAgent().get(`/orders/${order.publicToken}`), name.split(' ')[0], 'order status page')

    const { agent } = await signedInStaff('owner')
    const note = xss('Note')
    const _csrf = extractCsrfToken((await agent.get(`/admin/orders/${order.id}`)).text)!
    assert.oneOf((await agent.post(`/admin/orders/${order.id}/notes`, { _csrf, body: note })).status, [302, 303])
    const adminPage = await agent.get(`/admin/orders/${order.id}`)
    assertEscaped(assert, adminPage, name.split(' ')[0], 'admin order page (address)')
    assert.include(adminPage.text, note.split(' ')[0], 'admin order page (note)')
  })

  test('discount codes and shipping method names, in the back-office', async ({ assert }) => {
    // codes are at most 64 characters: the script part of the payload only
    const code = `XSS${uniqueSuffix().toUpperCase()}<script>alert("xss")</script>`
    await DiscountFactory.merge({ code }).create()
    const zone = await ShippingZoneFactory.create()
    const methodName = xss('Method')
    await ShippingMethodFactory.merge({ zoneId: zone.id, name: methodName, description: PAYLOAD }).create()
    const { agent } = await signedInStaff('owner')
    assertEscaped(assert, await agent.get('/admin/discounts'), code.slice(0, 10), 'admin discounts')
    assertEscaped(assert, await agent.get('/admin/shipping'), methodName.split(' ')[0], 'admin shipping')
  })
})
