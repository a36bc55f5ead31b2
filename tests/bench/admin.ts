/*
|--------------------------------------------------------------------------
| npm run bench:admin
|--------------------------------------------------------------------------
|
| The back-office at volume: 200k orders and 50k products on PostgreSQL,
| the built server, one signed-in owner. For each page (orders list default
| and filtered, an order, the products list) it times sequential requests
| (p50/p95/max: at one request in flight, what a staff member waits for
| the server) and then autocannon at low concurrency (p50/p97.5/p99,
| req/s). Aim: p95 < 150 ms. Prints a table and writes
| tests/bench/results/admin-<timestamp>.json. Not a test.
|
| Environment:
|   DATABASE_URL      PostgreSQL to seed and serve from (default: a local
|                     stockroom_bench_admin database, created if missing)
|   REDIS_URL         optional; production mode with Redis when set
|   BENCH_ORDERS      orders to seed (default 200000)
|   BENCH_PRODUCTS    products to seed (default 50000)
|   BENCH_REQUESTS    sequential requests per page (default 200)
|   BENCH_SECONDS     autocannon seconds per page (default 10)
|   BENCH_CONNECTIONS autocannon connections (default 4)
|   BENCH_SKIP_BUILD=1  reuse an existing build/
|   BENCH_FROM_SOURCE=1 serve the TypeScript sources (no build)
|   BENCH_PORT        server port (default 3420)
|
*/
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import pg from 'pg'
import { HttpAgent } from '../helpers/http_agent.js'
import { seedAdminOrders } from './admin_seed.js'
import { ace, benchEnv, buildUnlessSkipped, ensureDatabase, fromSource, root, startServer, waitFor } from './bench_server.js'

const orders = Number(process.env.BENCH_ORDERS ?? 200_000)
const products = Number(process.env.BENCH_PRODUCTS ?? 50_000)
const sequential = Number(process.env.BENCH_REQUESTS ?? 200)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4)
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockroom_bench_admin'
const port = Number(process.env.BENCH_PORT ?? 3420)
const owner = { email: 'bench-owner@example.com', password: 'bench-owner-password-2026' }

const env = benchEnv(databaseUrl, 'bench-admin-data')

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Sequential timings: one request in flight, so each figure is the server's time plus loopback. */
async function timeSequential(agent: HttpAgent, path: string) {
  for (let i = 0; i < 10; i++) await agent.get(path)
  const times: number[] = []
  for (let i = 0; i < sequential; i++) {
    const started = performance.now()
    const response = await agent.get(path)
    times.push(performance.now() - started)
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
  }
  times.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(times[times.length - 1]) }
}

async function loadTest(agent: HttpAgent, url: string) {
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie, accept: 'text/html' } })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p97_5Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  }
}

async function main() {
  await ensureDatabase(databaseUrl)
  buildUnlessSkipped()
  ace(env, ['migration:run', '--force'])
  ace(env, ['bench:seed', `--products=${products}`])
  // an owner left by an earlier run is fine
  ace(env, ['stockroom:create-owner', `--email=${owner.email}`, '--name=Bench Owner', `--password=${owner.password}`], { tolerateFailure: true })

  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const seedStarted = performance.now()
  const seeded = await seedAdminOrders(client, orders)
  console.log(`orders: ${seeded.existing} existing, ${seeded.seeded} seeded in ${Math.round(performance.now() - seedStarted)} ms`)
  const openOrder = (await client.query(`SELECT id FROM orders WHERE status = 'open' ORDER BY id DESC OFFSET 500 LIMIT 1`)).rows[0]
  const counts = (await client.query(`SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM products) AS products`)).rows[0]
  await client.end()

  const server: ChildProcess = startServer(env, port)
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${base}/health/live`)
    const agent = new HttpAgent(base)
    const signIn = await agent.submit('/admin/login', '/admin/login', owner)
    if (signIn.status !== 302) throw new Error(`owner sign-in answered ${signIn.status}`)

    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)
    const today = new Date().toISOString().slice(0, 10)
    const targets: Array<[string, string]> = [
      ['orders: default (newest first)', '/admin/orders'],
      ['orders: paid, unfulfilled', '/admin/orders?payment=paid&fulfillment=unfulfilled'],
      ['orders: email search', '/admin/orders?q=buyer1234%40'],
      ['orders: last 30 days by total', `/admin/orders?from=${monthAgo}&to=${today}&sort=-total`],
      ['orders: name search', '/admin/orders?q=grace%20buyer777'],
      ['order detail', `/admin/orders/${openOrder.id}`],
      ['products list', '/admin/products'],
    ]
    const results = []
    for (const [name, path] of targets) {
      const single = await timeSequential(agent, path)
      const load = await loadTest(agent, `${base}${path}`)
      results.push({ name, path, sequential: single, load })
      console.log(`${name}: p95 ${single.p95Ms} ms sequential; ${load.requestsPerSecond} req/s, p99 ${load.p99Ms} ms at ${connections} connections`)
    }
    console.table(
      results.map((r) => ({
        page: r.name,
        'p50 ms': r.sequential.p50Ms,
        'p95 ms': r.sequential.p95Ms,
        'max ms': r.sequential.maxMs,
        [`req/s @${connections}`]: r.load.requestsPerSecond,
        [`p97.5 ms @${connections}`]: r.load.p97_5Ms,
        [`p99 ms @${connections}`]: r.load.p99Ms,
        'non-2xx': r.load.non2xx,
      }))
    )
    const out = join(root, 'tests/bench/results')
    mkdirSync(out, { recursive: true })
    const file = join(out, `admin-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), counts, sequential, seconds, connections, fromSource, results }, null, 2))
    console.log(`written ${file}`)
  } finally {
    server.kill('SIGTERM')
  }
}

await main()
