import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import { setTimeout as later } from 'node:timers/promises'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent } from '#tests/helpers/http_agent'

/** SQL statements that ran while `work` did and were bound to `word` (the search for it). */
async function searchesFor(word: string, work: () => Promise<unknown>) {
  let count = 0
  const listener = (query: { bindings?: unknown[] }) => {
    if ((query.bindings ?? []).some((value) => typeof value === 'string' && value.includes(word))) count++
  }
  emitter.on('db:query', listener)
  try {
    await work()
  } finally {
    emitter.off('db:query', listener)
  }
  return count
}

const CONCURRENT = 8

/**
 * The real inventory driver, answering stock a little late. On SQLite a
 * whole render can finish without yielding to the event loop (its driver is
 * synchronous), so concurrent requests would never overlap; a stock answer
 * that takes a timer tick makes them overlap as they do on PostgreSQL.
 */
async function slowStock() {
  const real = await app.container.make(InventoryPort)
  const slow = Object.create(real) as InventoryPort
  slow.available = async (variantIds) => {
    await later(200)
    return real.available(variantIds)
  }
  app.container.swap(InventoryPort, () => slow)
}

test.group('Storefront | page cache coalescing', (group) => {
  group.each.setup(async () => {
    await slowStock()
    return () => app.container.restore(InventoryPort)
  })

  test('concurrent requests for one cold page run its queries once', async ({ assert }) => {
    const run = uniqueSuffix()
    const alone = `solo${run}`
    const crowded = `crowd${run}`
    await ProductFactory.merge({ title: `Lantern ${alone}` }).with('variants').create()
    const lantern = await ProductFactory.merge({ title: `Lantern ${crowded}` }).with('variants').create()

    // what one cold search page costs
    const once = await searchesFor(alone, () => new HttpAgent().get(`/search?q=${alone}`))
    assert.isAbove(once, 0)

    let pages: Array<{ status: number; text: string }> = []
    const together = await searchesFor(crowded, async () => {
      pages = await Promise.all(Array.from({ length: CONCURRENT }, () => new HttpAgent().get(`/search?q=${crowded}`)))
    })
    assert.equal(together, once, `${CONCURRENT} concurrent requests ran the search ${together / once} times`)
    for (const page of pages) {
      assert.equal(page.status, 200)
      assert.include(page.text, `href="/products/${lantern.handle}"`)
    }
  })

  test('concurrent requests for a missing page each get the 404, and nothing is cached', async ({ assert }) => {
    const path = `/products/nothing-here-${uniqueSuffix()}`
    const answers = await Promise.all(Array.from({ length: 4 }, () => new HttpAgent().get(path)))
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [404, 404, 404, 404]
    )
    for (const answer of answers) assert.notInclude(answer.headers.get('cache-control') ?? '', 'public')
  })
})
