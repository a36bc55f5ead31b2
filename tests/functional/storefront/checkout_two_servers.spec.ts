import { spawn, type ChildProcess } from 'node:child_process'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import { HttpAgent } from '#tests/helpers/http_agent'
import { addToCart, checkoutUpToReview, orderTokenFrom, placeOrderForm } from '#tests/helpers/checkout_flow'
import { flatShipping, ledgerSum, stockLevel, stockedVariants } from '#tests/helpers/checkout'

const COUNTRY = 'DK'
const SHOPPERS = 200
const STOCK = 20

/** A second web process of the same app, on the same database and Redis. */
async function startSecondServer(port: number) {
  const child: ChildProcess = spawn(process.execPath, ['--import=ts-node-maintained/register/esm', 'bin/server.js'], {
    cwd: app.makePath(),
    // its own port; no in-process job worker, so it only serves requests
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', JOBS_IN_PROCESS: 'false', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the second server exited with ${child.exitCode}`)
    const up = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok).catch(() => false)
    if (up) return child
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  child.kill('SIGKILL')
  throw new Error('the second server did not start within 90 s')
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await work(items[index], index)
      }
    })
  )
  return results
}

test.group('Storefront | checkout on two servers', () => {
  test('200 shoppers on two web processes race for 20 units: 20 orders, 180 told it sold out', async ({ assert }) => {
    const shippingMethodId = await flatShipping(COUNTRY, 400, 'PostNord')
    const { variants } = await stockedVariants([{ price: 3000, stock: STOCK, title: 'Drop' }])
    const variantId = variants[0].id

    const secondPort = Number(process.env.PORT) + 10
    const second = await startSecondServer(secondPort)
    try {
      const bases = [`http://127.0.0.1:${process.env.PORT}`, `http://127.0.0.1:${secondPort}`]
      // Everyone fills a cart and reaches the review first, 20 at a time...
      const shoppers = await inBatches(Array.from({ length: SHOPPERS }), 20, async (_item, index) => {
        const agent = new HttpAgent(bases[index % 2])
        await addToCart(agent, variantId)
        const review = await checkoutUpToReview(agent, shippingMethodId, {
          email: `racer-${index}@example.test`,
          first_name: 'Racer',
          last_name: String(index),
          line1: 'Strøget 1',
          city: 'København',
          postal_code: '1160',
          country_code: COUNTRY,
        })
        return { agent, form: placeOrderForm(review) }
      })

      // ...then all 200 press Place order at once, half on each server.
      const answers = await Promise.all(shoppers.map(({ agent, form }) => agent.post('/checkout/place', form)))
      const placed = answers.filter((answer) => orderTokenFrom(answer.location))
      const refused = answers.filter((answer) => answer.location === '/checkout/review')
      assert.equal(placed.length, STOCK)
      assert.equal(refused.length, SHOPPERS - STOCK)
      assert.isTrue(answers.every((answer) => answer.status === 303))

      // every refused shopper is told what ran out
      const refusedAgents = shoppers.filter((_shopper, index) => answers[index].location === '/checkout/review')
      const pages = await inBatches(refusedAgents.slice(0, 20), 10, ({ agent }) => agent.get('/checkout/review'))
      for (const page of pages) assert.match(page.text, /Drop\)? is sold out\./)

      const lines = await db.from('order_lines').where('variant_id', variantId)
      assert.lengthOf(lines, STOCK)
      assert.deepEqual(await stockLevel(variantId), { onHand: STOCK, reserved: STOCK })
      const active = await db.from('reservations').where('variant_id', variantId).where('status', 'active').sum('quantity as total').first()
      assert.equal(Number(active.total), STOCK)
      assert.equal(await ledgerSum(variantId), STOCK)
    } finally {
      second.kill('SIGKILL')
    }
  })
    .timeout(300_000)
    .skip(runtime.database !== 'pg', 'two web processes on one SQLite file is not a supported deployment; runs on PostgreSQL')
})
