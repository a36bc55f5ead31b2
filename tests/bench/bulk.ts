/*
|--------------------------------------------------------------------------
| npm run bench:bulk
|--------------------------------------------------------------------------
|
| Bulk fulfilment at a real store's volume: seeds BENCH_ORDERS paid,
| unshipped orders (one two-unit line each), signs an owner in to the
| built server and ships "all matching" a filter from the orders list, as
| staff do. Reports orders shipped per second (from the submit to the run
| marked done) and the time until every "shipped" email is stored, then
| checks the outcome: each order shipped exactly once, completed, one email
| per customer, and a second run over the same filter ships nothing. Exits
| 1 when a check fails. Writes tests/bench/results/bulk-<timestamp>.json.
| Not a test: the suite runs the same flow on 55 orders
| (tests/functional/admin/orders_bulk.spec.ts).
|
| Environment:
|   DATABASE_URL      PostgreSQL to seed and serve from (default: a local
|                     stockroom_bench_bulk database, created if missing)
|   REDIS_URL         optional; production mode with Redis (BullMQ), and
|                     then a `jobs:work` worker process beside the server
|   BENCH_ORDERS      orders to ship (default 1000)
|   BENCH_SKIP_BUILD=1  reuse an existing build/
|   BENCH_FROM_SOURCE=1 serve the TypeScript sources (no build)
|   BENCH_PORT        server port (default 3430)
|
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { HttpAgent } from '../helpers/http_agent.js'
import { ace, benchEnv, buildUnlessSkipped, ensureDatabase, fromSource, root, startServer, waitFor } from './bench_server.js'

const orders = Number(process.env.BENCH_ORDERS ?? 1000)
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockroom_bench_bulk'
const port = Number(process.env.BENCH_PORT ?? 3430)
const owner = { email: 'bench-owner@example.com', password: 'bench-owner-password-2026' }
const BULK = '/admin/orders/bulk-fulfillments'

const env = benchEnv(databaseUrl, 'bench-bulk-data')

/** `count` paid, open, unshipped orders whose emails are `<tag>-<n>@example.com`, written by PostgreSQL. */
async function seedPaidOrders(client: pg.Client, tag: string, count: number) {
  await client.query('BEGIN')
  await client.query(
    `INSERT INTO orders (number, public_token, email, currency, status, payment_status, fulfillment_status,
       subtotal, total, shipping_address, placed_at, created_at, updated_at)
     SELECT $3::int + g, md5($1 || '-' || g), $1 || '-' || g || '@example.com', 'USD', 'open', 'paid', 'unfulfilled',
       3000, 3000, json_build_object('firstName', 'Bulk', 'lastName', 'Buyer' || g, 'line1', '1 Main St',
         'city', 'Springfield', 'postalCode', '12345', 'countryCode', 'US'), now(), now(), now()
     FROM generate_series(1, $2::int) AS g`,
    [tag, count, randomInt(100_000_000, 1_900_000_000)]
  )
  await client.query(
    `INSERT INTO order_lines (order_id, sku, title, variant_title, quantity, unit_price, total, created_at, updated_at)
     SELECT id, 'SKU-' || $1, 'Bulk tee', 'M', 2, 1500, 3000, now(), now() FROM orders WHERE email LIKE $1 || '-%'`,
    [tag]
  )
  await client.query('COMMIT')
}

/** Polls `read` until it answers something truthy; a bench may wait, a test waits for readiness instead. */
async function until<T>(what: string, read: () => Promise<T | null | false>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function main() {
  await ensureDatabase(databaseUrl)
  buildUnlessSkipped()
  ace(env, ['migration:run', '--force'])
  // an owner left by an earlier run is fine
  ace(env, ['stockroom:create-owner', `--email=${owner.email}`, '--name=Bench Owner', `--password=${owner.password}`], { tolerateFailure: true })

  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const tag = `bench${randomBytes(4).toString('hex')}`
  await seedPaidOrders(client, tag, orders)
  const operationOf = async (location: string | null) => {
    const id = Number(/\/bulk-fulfillments\/(\d+)$/.exec(location ?? '')?.[1])
    return (await client.query('SELECT * FROM bulk_operations WHERE id = $1', [id])).rows[0]
  }
  const finished = (location: string | null) => () =>
    operationOf(location).then((row) => (['done', 'failed'].includes(row.status) ? row : null))
  const shippedEmails = async () =>
    (
      await client.query(
        `SELECT count(*)::int AS total, count(DISTINCT to_address)::int AS recipients FROM notification_messages
         WHERE template = 'order_shipped' AND to_address LIKE $1 || '-%'`,
        [tag]
      )
    ).rows[0] as { total: number; recipients: number }

  const processes: ChildProcess[] = [startServer(env, port)]
  if (env.REDIS_URL) {
    // BullMQ jobs are worked by worker processes, not the web process
    const serverArgs = fromSource ? ['--import=ts-node-maintained/register/esm', 'ace.js', 'jobs:work'] : ['ace.js', 'jobs:work']
    processes.push(spawn(process.execPath, serverArgs, { cwd: fromSource ? root : join(root, 'build'), env, stdio: ['ignore', 'inherit', 'inherit'] }))
  }
  const base = `http://127.0.0.1:${port}`
  const checks: Array<[string, boolean]> = []
  try {
    await waitFor(`${base}/health/live`)
    const agent = new HttpAgent(base)
    const signIn = await agent.submit('/admin/login', '/admin/login', owner)
    if (signIn.status !== 302) throw new Error(`owner sign-in answered ${signIn.status}`)
    const listPath = `/admin/orders?q=${tag}&fulfillment=unfulfilled`

    const started = performance.now()
    const first = await agent.submit(listPath, `${BULK}?q=${tag}&fulfillment=unfulfilled`, { scope: 'filter', carrier: 'UPS' })
    if (first.status !== 303) throw new Error(`the bulk run answered ${first.status}`)
    const done = await until('the bulk run', finished(first.location), 30 * 60_000)
    const shippedMs = performance.now() - started
    await until('every shipped email', async () => (await shippedEmails()).total >= orders, 30 * 60_000).catch((error) => console.error(error.message))
    const emailedMs = performance.now() - started

    const shipments = (
      await client.query(
        `SELECT count(*)::int AS orders, count(*) FILTER (WHERE shipments = 1)::int AS once FROM
           (SELECT o.id, count(f.id) AS shipments FROM orders o LEFT JOIN fulfillments f ON f.order_id = o.id
            WHERE o.email LIKE $1 || '-%' GROUP BY o.id) AS per_order`,
        [tag]
      )
    ).rows[0]
    const completed = Number(
      (await client.query(`SELECT count(*) AS n FROM orders WHERE email LIKE $1 || '-%' AND status = 'completed' AND fulfillment_status = 'fulfilled'`, [tag])).rows[0].n
    )
    const emails = await shippedEmails()
    checks.push(
      [`the run is done with ${orders} succeeded`, done.status === 'done' && Number(done.succeeded) === orders && Number(done.failed) === 0],
      ['each order shipped exactly once', shipments.orders === orders && shipments.once === orders],
      ['each order completed and fulfilled', completed === orders],
      ['one shipped email per order', emails.total === orders && emails.recipients === orders]
    )

    // the same filter again selects nothing and sends nothing
    const again = await agent.submit(listPath, `${BULK}?q=${tag}`, { scope: 'filter' })
    const second = await until('the second run', finished(again.location), 5 * 60_000)
    const emailsAfter = await shippedEmails()
    checks.push(['a second run ships nothing', Number(second.total) === 0 && Number(second.succeeded) === 0 && emailsAfter.total === orders])

    const figures = {
      orders,
      database: 'PostgreSQL',
      jobs: env.REDIS_URL ? 'BullMQ worker' : 'database queue, in the web process',
      shippedSeconds: Math.round(shippedMs / 100) / 10,
      ordersPerSecond: Math.round((orders / (shippedMs / 1000)) * 10) / 10,
      emailsStoredSeconds: Math.round(emailedMs / 100) / 10,
    }
    console.log(`${orders} orders shipped in ${figures.shippedSeconds} s (${figures.ordersPerSecond} orders/s); every shipped email stored after ${figures.emailsStoredSeconds} s`)
    for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`)
    const out = join(root, 'tests/bench/results')
    mkdirSync(out, { recursive: true })
    const file = join(out, `bulk-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), fromSource, figures, checks: Object.fromEntries(checks) }, null, 2))
    console.log(`written ${file}`)
  } finally {
    for (const child of processes) child.kill('SIGTERM')
    await client.end()
  }
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1
}

await main()
