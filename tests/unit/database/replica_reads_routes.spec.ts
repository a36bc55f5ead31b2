import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { CATALOG_ROUTES, readsMayLag } from '#middleware/replica_reads_middleware'

/**
 * Which routes may read from a replica is decided by route name; a renamed
 * route would silently send its reads back to the primary, or (worse) a new
 * name could match by accident. The read-replica behaviour itself is tested
 * against a real replica in tests/functional/read_replicas.spec.ts.
 */
test.group('Read replicas | routes whose reads may lag', () => {
  test('every catalog route named for replicas exists, as a GET', ({ assert }) => {
    const routes = Object.values(router.toJSON()).flat()
    for (const name of CATALOG_ROUTES) {
      const route = routes.find((candidate) => candidate.name === name)
      assert.exists(route, `no route named ${name}`)
      assert.include(route!.methods, 'GET')
    }
  })

  test('catalog pages and back-office lists may lag; a cart, an account, a form or a detail page may not', ({ assert }) => {
    for (const name of ['storefront.home', 'storefront.products.show', 'storefront.search', 'admin.products.index', 'admin.orders.index']) {
      assert.isTrue(readsMayLag(name), name)
    }
    for (const name of ['storefront.cart.show', 'storefront.account.orders.index', 'storefront.checkout.review', 'admin.products.edit', 'admin.orders.show', undefined]) {
      assert.isFalse(readsMayLag(name), String(name))
    }
  })
})
