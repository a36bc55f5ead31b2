/*
|--------------------------------------------------------------------------
| Checkout throughput (part of npm run bench)
|--------------------------------------------------------------------------
|
| Shoppers are prepared through HTTP (cart, details, shipping, review),
| then their "Place order" POSTs are fired and timed: orders placed per
| second and the latency of each placement (p50, p99).
|
|   uncontended   every shopper buys a different variant
|   contended     200 shoppers at a time buy the same variant (one hot row)
|   oversell      200 shoppers at once for a variant with 20 in stock:
|                 must give exactly 20 orders and 180 refusals
|
| Environment: BENCH_CHECKOUTS (shoppers per scenario, default 1000).
|
*/
import { execFileSync } from 'node:child_process'
import { HttpAgent } from '#tests/helpers/http_agent'
import { addToCart, checkoutUpToReview, orderTokenFrom, placeOrderForm } from '#tests/helpers/checkout_flow'

interface Seeded {
  country: string
  shippingMethodId: number
  hotVariantId: number
  dropVariantId: number
  variantIds: number[]
}

interface Shopper {
  agent: HttpAgent
  form: Record<string, string>
}

export interface CheckoutFigures {
  name: string
  shoppers: number
  concurrency: number
  placed: number
  refused: number
  failed: number
  ordersPerSecond: number
  p50Ms: number
  p99Ms: number
}

async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await work(items[index], index)
      }
    })
  )
  return results
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1))
}

/** Brings `variantIds.length` shoppers to the review page, 25 at a time. */
function prepare(base: string, seeded: Seeded, variantIds: number[]): Promise<Shopper[]> {
  return inBatches(variantIds, 25, (variantId, index) => withRetry(() => prepareOne(base, seeded, variantId, index)))
}

/** A keep-alive socket the server closed just as it was reused is not news: start that shopper again. */
async function withRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= attempts) throw error
    }
  }
}

async function prepareOne(base: string, seeded: Seeded, variantId: number, index: number): Promise<Shopper> {
  const agent = new HttpAgent(base)
  await addToCart(agent, variantId)
  const review = await checkoutUpToReview(agent, seeded.shippingMethodId, {
    email: `bench-${index}-${Date.now()}@example.test`,
    first_name: 'Bench',
    last_name: `Shopper ${index}`,
    line1: 'Rue de la Loi 16',
    city: 'Bruxelles',
    postal_code: '1000',
    country_code: seeded.country,
  })
  return { agent, form: placeOrderForm(review) }
}

/** Fires every shopper's Place order, `concurrency` in flight, and times them. */
async function place(name: string, shoppers: Shopper[], concurrency: number): Promise<CheckoutFigures> {
  const latencies: number[] = []
  let placed = 0
  let refused = 0
  let failed = 0
  const started = performance.now()
  await inBatches(shoppers, concurrency, async ({ agent, form }) => {
    const at = performance.now()
    const answer = await agent.post('/checkout/place', form).catch(() => null)
    latencies.push(performance.now() - at)
    if (answer && orderTokenFrom(answer.location)) placed++
    else if (answer?.location === '/checkout/review') refused++
    else failed++
  })
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    name,
    shoppers: shoppers.length,
    concurrency,
    placed,
    refused,
    failed,
    ordersPerSecond: Math.round(placed / seconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  }
}

/** Seeds, prepares and measures the three checkout scenarios against a running server. */
export async function benchCheckout(options: { base: string; root: string; env: NodeJS.ProcessEnv; connections: number }) {
  const count = Number(process.env.BENCH_CHECKOUTS ?? 1000)
  const output = execFileSync(process.execPath, ['ace', 'bench:seed-checkout', `--variants=${count}`], {
    cwd: options.root,
    env: options.env,
    encoding: 'utf8',
  })
  const seeded: Seeded = JSON.parse(output.trim().split('\n').filter((line) => line.startsWith('{')).pop()!)

  const figures: CheckoutFigures[] = []
  const uncontended = await prepare(options.base, seeded, seeded.variantIds.slice(0, count))
  figures.push(await place('checkout, uncontended (one variant each)', uncontended, options.connections))

  const hot = await prepare(options.base, seeded, Array(count).fill(seeded.hotVariantId))
  figures.push(await place('checkout, 200-way contention (one variant)', hot, 200))

  const drop = await prepare(options.base, seeded, Array(200).fill(seeded.dropVariantId))
  const oversell = await place('checkout, 200 shoppers for 20 units', drop, 200)
  figures.push(oversell)
  if (oversell.placed !== 20 || oversell.refused !== 180) {
    throw new Error(`Oversell check failed: ${oversell.placed} orders and ${oversell.refused} refusals for 20 units`)
  }

  for (const row of figures) {
    console.log(
      `${row.name}: ${row.ordersPerSecond} orders/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms ` +
        `(${row.placed} placed, ${row.refused} refused, ${row.failed} failed)`
    )
  }
  return figures
}
