import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import { dbTimestamp } from '#services/db_time'
import { HttpAgent } from '#tests/helpers/http_agent'
import { addToCart } from '#tests/helpers/checkout_flow'
import { ace, childEnv as embeddedEnv, node, startServer } from '#tests/helpers/app_process'

/**
 * Plugins nothing depends on can be left out (STOCKROOM_PLUGINS_DISABLED,
 * read by config/plugins.ts). Each case is a store of its own: a fresh
 * SQLite database in its own data folder, migrated by `stockroom:setup`
 * with that plugin left out (so its migrations too), one product written
 * straight into it, and a web server serving the storefront and the
 * back-office login. The cases run side by side; a child process boots the
 * app from source, so each costs a few seconds of CPU.
 */
const OPTIONAL = ['analytics', 'notifications', 'payments'] as const

/** A child's environment with `disabled` plugins left out. */
function childEnv(dataDir: string, disabled: string, extra: Record<string, string> = {}) {
  return embeddedEnv(dataDir, { STOCKROOM_PLUGINS_DISABLED: disabled, ...extra })
}

/** An active product with one variant sold without stock tracking, written into the store's own SQLite file; answers the variant id. */
async function addProduct(dataDir: string, handle: string) {
  const name = `optional_${handle}`
  db.manager.add(name, { client: 'better-sqlite3', connection: { filename: join(dataDir, 'test.sqlite') }, useNullAsDefault: true })
  try {
    const client = db.connection(name)
    const now = dbTimestamp(client)
    const [product] = await client
      .table('products')
      .insert({ handle, title: 'Plain tee', status: 'active', published_at: now, created_at: now, updated_at: now })
      .returning('id')
    const productId = typeof product === 'object' ? product.id : product
    const [variant] = await client
      .table('variants')
      .insert({ product_id: productId, title: 'Default', sku: `${handle}-1`, price: 1500, track_inventory: false, created_at: now, updated_at: now })
      .returning('id')
    return Number(typeof variant === 'object' ? variant.id : variant)
  } finally {
    await db.manager.close(name)
    db.manager.release(name)
  }
}

/** One store without `plugin`: migrate, add a product, serve; answers each page's status. */
async function storeWithout(plugin: string, port: number) {
  const dataDir = join(runtime.dataDir, `without-${plugin}`)
  await rm(dataDir, { recursive: true, force: true })
  const env = childEnv(dataDir, plugin)
  const setup = await ace(['stockroom:setup', '--skip-demo'], env)
  if (setup.code !== 0) throw new Error(`stockroom:setup without ${plugin} failed: ${setup.output}`)
  const handle = `tee-without-${plugin}`
  const variantId = await addProduct(dataDir, handle)

  const server = await startServer(port, env)
  try {
    const base = `http://127.0.0.1:${port}`
    const home = await fetch(`${base}/`)
    const product = await fetch(`${base}/products/${handle}`)
    const login = await fetch(`${base}/admin/login`)
    // A shopper's way to checkout: where it leads, and what the cart says then.
    const shopper = new HttpAgent(base)
    await addToCart(shopper, variantId)
    const checkout = await shopper.get('/checkout')
    const cart = await shopper.get('/cart')
    return {
      checkout: checkout.location,
      cartHtml: cart.text,
      home: home.status,
      product: product.status,
      productHtml: await product.text(),
      login: login.status,
      loginHtml: await login.text(),
      errors: server.errors(),
    }
  } finally {
    server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Output without colour codes. Lines are kept: a message must arrive on one line, not wrapped per word. */
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '')

test.group('Plugins | optional plugins can be left out', () => {
  test('without analytics, notifications or payments, a fresh store migrates and serves home, a product and the admin login', async ({ assert }) => {
    const base = Number(process.env.PORT) + 5
    const stores = await Promise.all(OPTIONAL.map((plugin, index) => storeWithout(plugin, base + index)))
    for (const [index, plugin] of OPTIONAL.entries()) {
      const store = stores[index]
      assert.deepEqual(
        { home: store.home, product: store.product, login: store.login },
        { home: 200, product: 200, login: 200 },
        `without ${plugin}: ${store.errors}`
      )
      assert.include(store.productHtml, 'Plain tee', `without ${plugin}: the product page shows the product`)
      assert.match(store.loginHtml, /<form[^>]*method="post"/i, `without ${plugin}: the login form renders`)
      if (plugin === 'payments') {
        assert.equal(store.checkout, '/cart', 'without payments, checkout sends the shopper back to the cart')
        assert.include(store.cartHtml, 'payments are not configured on this store')
      } else {
        assert.isNull(store.checkout, `without ${plugin}, checkout opens`)
      }
    }
  }).timeout(300_000)

  test('leaving out a plugin others depend on, or one that is not listed, stops boot with a clear message', async ({ assert }) => {
    const boot = async (disabled: string) => {
      const dataDir = join(runtime.dataDir, `without-${disabled}`)
      const run = await ace(['migration:status'], childEnv(dataDir, disabled))
      await rm(dataDir, { recursive: true, force: true })
      return { code: run.code, output: plain(run.output) }
    }
    const [inventory, typo] = await Promise.all([boot('inventory'), boot('analytcs')])
    assert.notEqual(inventory.code, 0)
    assert.include(inventory.output, 'STOCKROOM_PLUGINS_DISABLED leaves out inventory, which "payments" depends on: leave "payments" out too, or keep inventory')
    assert.notEqual(typo.code, 0)
    assert.include(typo.output, 'STOCKROOM_PLUGINS_DISABLED names plugins that are not listed: analytcs')
  }).timeout(120_000)

  test('the web server, its output piped to a log, prints a configuration mistake as one line', async ({ assert }) => {
    const dataDir = join(runtime.dataDir, 'bad-currency')
    const run = await node(['--import=ts-node-maintained/register/esm', 'bin/server.js'], embeddedEnv(dataDir, { STORE_CURRENCY: 'dollars', PORT: '0' }))
    await rm(dataDir, { recursive: true, force: true })
    assert.notEqual(run.code, 0)
    assert.include(plain(run.output), 'STORE_CURRENCY must be an ISO 4217 code such as USD or EUR, not "dollars"')
  }).timeout(120_000)
})
