import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import Collection from '#models/collection'
import Product from '#models/product'
import { SYSTEM_ROLES } from '#database/migrations/0001_create_roles_table'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { routeAuthorization } from '#policies/admin_routes'
import { paidOrder } from '#tests/helpers/admin_orders'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signedInStaff, type StaffRole } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** A state-changing control of a page: a POST form, an htmx verb or a button's formaction. */
interface Control {
  method: string
  path: string
  source: string
}

function attributes(tag: string) {
  const found: Record<string, string> = {}
  for (const match of tag.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)) found[match[1].toLowerCase()] = (match[2] ?? '').replaceAll('&amp;', '&')
  return found
}

/** The method a request to `action` really makes: the `_method` spoof wins over the form's POST. */
function control(action: string, method: string, source: string): Control {
  const url = new URL(action || '/', 'http://stockroom.test')
  const spoofed = url.searchParams.get('_method')
  return { method: (spoofed ?? method).toUpperCase(), path: url.pathname, source }
}

function controlsOf(html: string): Control[] {
  const controls: Control[] = []
  for (const [tag, inner] of html.matchAll(/<form\b([^>]*)>/gi)) {
    const form = attributes(inner)
    if ((form.method ?? 'get').toLowerCase() === 'post') controls.push(control(form.action, 'POST', tag))
  }
  for (const [tag, verb, action] of html.matchAll(/\shx-(post|put|patch|delete)="([^"]*)"/gi)) controls.push(control(action, verb, tag))
  for (const [tag, inner] of html.matchAll(/<(?:button|input)\b([^>]*\sformaction="[^"]*"[^>]*)>/gi)) {
    const button = attributes(inner)
    if ((button.formmethod ?? 'post').toLowerCase() === 'post') controls.push(control(button.formaction, 'POST', tag))
  }
  return controls
}

/** The controls on `html` that `allows` (a role's permission check) could not use: each would answer 403. */
function unusable(html: string, allows: (permission: string) => boolean) {
  return controlsOf(html).filter((found) => {
    const matched = router.match(found.path, found.method)
    const needed = routeAuthorization(matched?.route.name, found.method)
    return needed !== null && !needed.policy.rules[needed.action].anyOf.some(allows)
  })
}

function roleOf(permissions: string[]) {
  const role = new Role()
  role.permissions = permissions
  return role
}

/** Every GET page under /admin whose route has a permission rule, with ids of real records. */
function adminPages(ids: Record<string, number>) {
  const pages: Array<{ name: string; path: string }> = []
  for (const domainRoutes of Object.values(router.toJSON())) {
    for (const route of domainRoutes) {
      if (!route.name || !route.methods.includes('GET') || !routeAuthorization(route.name, 'GET')) continue
      const area = route.pattern.split('/')[2] === 'inventory' ? 'inventory' : route.pattern.split('/')[2]
      const path = route.pattern.replace(/:([a-zA-Z]+)/g, (_, param: string) => String(ids[`${area}.${param}`] ?? ids[param] ?? 1))
      pages.push({ name: route.name, path })
    }
  }
  return pages
}

/** Staff with a role made for the test, e.g. one that may read stock but not change it. */
async function signedInWith(permissions: string[]) {
  const role = await Role.create({ slug: `reader-${uniqueSuffix()}`, name: `Reader ${uniqueSuffix()}`, permissions, isSystem: false })
  const staff = await StaffUserFactory.merge({ roleId: role.id }).create()
  const agent = new HttpAgent()
  const response = await agent.submit('/admin/login', '/admin/login', { email: staff.email, password: STAFF_PASSWORD })
  if (response.status !== 302) throw new Error(`Sign-in failed: ${response.status}`)
  return agent
}

async function fixtures() {
  const product = await ProductFactory.with('variants', 2).with('images', 1).create()
  await product.load('variants')
  const collection = await Collection.create({ handle: `ro-${uniqueSuffix()}`, title: 'Read-only shelf', kind: 'manual', sortOrder: 'manual', published: true })
  const customer = await CustomerFactory.create()
  const { order } = await paidOrder({ lines: [{ quantity: 1, unitPrice: 1_500 }], email: customer.email })
  await db.from('orders').where('id', order.id).update({ customer_id: customer.id })
  await db.table('customer_notes').insert({ customer_id: customer.id, body: 'Prefers parcel lockers', created_at: new Date(), updated_at: new Date() })
  return {
    product,
    ids: {
      'products.id': product.id,
      'collections.id': collection.id,
      'customers.id': customer.id,
      'orders.id': order.id,
      'inventory.id': product.variants[0].id,
    },
  }
}

test.group('Admin | read-only pages for staff who may read but not write', (group) => {
  group.each.setup(() => clearRateLimits())

  test('no role is offered a form, htmx control or button on any admin page that its permissions would refuse', async ({ assert }) => {
    const { ids } = await fixtures()
    const pages = adminPages(ids)
    const roles: Array<{ name: string; permissions: string[]; agent: HttpAgent }> = []
    for (const slug of ['catalog_manager', 'fulfillment', 'support', 'analyst'] satisfies StaffRole[]) {
      roles.push({ name: slug, permissions: SYSTEM_ROLES.find((role) => role.slug === slug)!.permissions, agent: (await signedInStaff(slug)).agent })
    }
    // no system role reads stock without changing it: a custom one does
    const stockReader = ['inventory.read', 'catalog.read', 'orders.read', 'customers.read']
    roles.push({ name: 'stock reader', permissions: stockReader, agent: await signedInWith(stockReader) })

    const offered: string[] = []
    const opened = new Set<string>()
    for (const role of roles) {
      const allows = (permission: string) => roleOf(role.permissions).allows(permission)
      for (const page of pages) {
        const response = await role.agent.get(page.path)
        if (response.status !== 200 || !response.headers.get('content-type')?.includes('text/html')) continue
        opened.add(page.name)
        for (const found of unusable(response.text, allows)) offered.push(`${role.name}: ${page.path} offers ${found.method} ${found.path} (${found.source})`)
      }
    }
    // the walk reached the edit pages of every area a reader can open
    for (const name of ['admin.products.edit', 'admin.collections.edit', 'admin.customers.show', 'admin.orders.show', 'admin.inventory.variant', 'admin.inventory.locations']) {
      assert.isTrue(opened.has(name), `${name} was opened by some reader`)
    }
    assert.deepEqual(offered, [])

    // the stock reader is told why the stock pages have no forms
    const stockReaderAgent = roles.at(-1)!.agent
    const stockPage = await stockReaderAgent.get(`/admin/inventory/variants/${ids['inventory.id']}`)
    assert.include(stockPage.text, 'You can view this stock but not change it. Ask an owner for the Inventory permission “Adjust stock”.')
    assert.include((await stockReaderAgent.get('/admin/inventory/locations')).text, 'You can view this list of locations but not change it.')
  }).timeout(180_000)

  test('the product and collection editors are read-only for readers, with a note, and editable for owners', async ({ assert }) => {
    const { product, ids } = await fixtures()
    const editor = `/admin/products/${product.id}/edit`
    const shelf = `/admin/collections/${ids['collections.id']}/edit`
    for (const slug of ['fulfillment', 'support', 'analyst'] satisfies StaffRole[]) {
      const { agent } = await signedInStaff(slug)
      const page = await agent.get(editor)
      assert.equal(page.status, 200)
      assert.include(page.text, 'You can view this product but not change it. Ask an owner for the Catalog permission “Manage catalog”.')
      assert.match(page.text, /<fieldset disabled class="read-only-form product-form"/)
      assert.include(page.text, `value="${product.title}"`, 'the values are shown')
      assert.include(page.text, product.variants[0].sku!, 'the variants grid is shown')
      for (const gone of ['Save product', 'Delete product', 'Upload', 'Save image', 'Make main', `/admin/products/${product.id}?_method=PUT`]) {
        assert.notInclude(page.text, gone, `${slug} sees no "${gone}"`)
      }
      // the shell's own forms (signing out, the staff member's colour scheme) stay usable on a read-only page
        assert.notMatch(page.text, /<button[^>]*type="submit"(?![^>]*disabled)(?![^>]*data-scheme-switch)[^>]*>(?!Sign out)/, 'no enabled submit button but the shell’s own')

      const collection = await agent.get(shelf)
      assert.include(collection.text, 'You can view this collection but not change it.')
      assert.notInclude(collection.text, 'Save collection')
      assert.notInclude(collection.text, 'Delete collection')
    }

    const { agent: owner } = await signedInStaff('owner')
    const page = await owner.get(editor)
    assert.notInclude(page.text, 'data-read-only')
    assert.include(page.text, `action="/admin/products/${product.id}?_method=PUT"`)
    for (const present of ['Save product', 'Delete product…', 'Upload', 'Save image']) assert.include(page.text, present)
    assert.include((await owner.get(shelf)).text, 'Save collection')
  }).timeout(60_000)

  test('a reader who submits the product form anyway is still refused, and nothing changes', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const { agent } = await signedInStaff('fulfillment')
    const csrf = await agent.csrfTokenFrom('/admin')
    const response = await agent.post(`/admin/products/${product.id}?_method=PUT`, { _csrf: csrf, title: 'Renamed by a reader', lockVersion: '1' })
    assert.equal(response.status, 403)
    assert.equal((await Product.findOrFail(product.id)).title, product.title)
  })

  test('customer pages say why an analyst has no tag or note forms', async ({ assert }) => {
    const { ids } = await fixtures()
    const { agent } = await signedInStaff('analyst')
    const page = await agent.get(`/admin/customers/${ids['customers.id']}`)
    assert.include(page.text, 'You can view this customer but not change it. Ask an owner for the Customers permission “Edit customers”.')
    assert.include(page.text, 'Prefers parcel lockers')
    for (const gone of ['Save tags', 'Add note', 'Delete note']) assert.notInclude(page.text, gone)
    const { agent: support } = await signedInStaff('support')
    const editable = await support.get(`/admin/customers/${ids['customers.id']}`)
    assert.notInclude(editable.text, 'data-read-only-note')
    for (const present of ['Save tags', 'Add note', 'Delete note']) assert.include(editable.text, present)
  })
})
