import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import { ProductFactory } from '#database/factories/product_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent, extractCsrfToken } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** The SQL a block of code ran (Lucid emits `db:query` for debug connections, as the X-Query-Count header does). */
async function sqlOf(work: () => Promise<unknown>) {
  const seen: string[] = []
  const listener = (query: { sql: string }) => seen.push(query.sql)
  emitter.on('db:query', listener)
  try {
    await work()
  } finally {
    emitter.off('db:query', listener)
  }
  return seen
}

/** The options of one filter menu on the products list. */
function menu(html: string, name: 'vendor' | 'type' | 'tag') {
  const select = html.match(new RegExp(`<select id="products-${name}"[\\s\\S]*?</select>`))?.[0] ?? ''
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]).filter(Boolean)
}

async function saveProduct(agent: HttpAgent, productId: number, form: Record<string, string>) {
  const html = (await agent.get(`/admin/products/${productId}/edit`)).text
  const lockVersion = html.match(/name="lockVersion" value="(\d+)"/)?.[1] ?? '1'
  return agent.post(`/admin/products/${productId}?_method=PUT`, { _csrf: extractCsrfToken(html)!, lockVersion, ...form })
}

test.group('Admin | products list filter menus', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a warm list runs no DISTINCT scan; a product edit brings its new vendor, type and tag', async ({ assert }) => {
    // digits sort first, so the names are inside the menus' first 500 entries in a shared database
    const suffix = uniqueSuffix()
    const vendor = `0 Vendor ${suffix}`
    const product = await ProductFactory.merge({ vendor, title: `Menu Shirt ${suffix}`, productType: `0 Type ${suffix}` })
      .with('variants', 1)
      .create()
    const { agent } = await signedInStaff('owner')

    const cold = await agent.get('/admin/products')
    assert.equal(cold.status, 200)
    assert.include(menu(cold.text, 'vendor'), vendor)

    let warm = cold
    const warmSql = await sqlOf(async () => (warm = await agent.get('/admin/products')))
    assert.equal(warm.status, 200)
    assert.isAbove(warmSql.length, 0, 'the list itself still queries')
    assert.deepEqual(warmSql.filter((sql) => /distinct/i.test(sql)), [])
    assert.include(menu(warm.text, 'vendor'), vendor)

    const newVendor = `0 New Vendor ${suffix}`
    const newType = `0 New Type ${suffix}`
    const newTag = `0-tag-${suffix}`.toLowerCase()
    const saved = await saveProduct(agent, product.id, {
      'title': `Menu Shirt ${suffix}`,
      'status': 'active',
      'vendor': newVendor,
      'productType': newType,
      'tags': newTag,
      'variants[0][id]': String((await product.related('variants').query().firstOrFail()).id),
      'variants[0][price]': '10.00',
      'confirmRemoval': '1',
    })
    assert.equal(saved.status, 303, saved.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' | '))

    const after = await agent.get('/admin/products')
    assert.include(menu(after.text, 'vendor'), newVendor)
    assert.notInclude(menu(after.text, 'vendor'), vendor, 'no product has the old vendor any more')
    assert.include(menu(after.text, 'type'), newType)
    assert.include(menu(after.text, 'tag'), newTag)
  })

  test('creating a product refreshes the menus too', async ({ assert }) => {
    const suffix = uniqueSuffix()
    const { agent } = await signedInStaff('owner')
    await agent.get('/admin/products')

    const html = (await agent.get('/admin/products/new')).text
    const created = await agent.post('/admin/products', {
      '_csrf': extractCsrfToken(html)!,
      'title': `Menu Cap ${suffix}`,
      'status': 'draft',
      'vendor': `0 Cap Vendor ${suffix}`,
      'variants[0][price]': '5.00',
    })
    assert.equal(created.status, 303)
    const listed = await agent.get('/admin/products')
    assert.include(menu(listed.text, 'vendor'), `0 Cap Vendor ${suffix}`)
  })
})
