/*
|--------------------------------------------------------------------------
| npm run bench
|--------------------------------------------------------------------------
|
| Measures the built server against a raw Node `http` server (the ceiling)
| in the same run, with autocannon. Not a test: it prints figures and
| writes them to tests/bench/results/<timestamp>.json.
|
| Environment:
|   DATABASE_URL    PostgreSQL to seed and serve from (default: a local
|                   stockroom_bench database, created if missing)
|   REDIS_URL       optional; production mode with Redis when set
|   BENCH_PRODUCTS  catalog size (default 10000)
|   BENCH_SECONDS   seconds per target (default 20)
|   BENCH_CONNECTIONS  concurrent connections (default 50)
|   BENCH_SKIP_BUILD=1  reuse an existing build/
|   BENCH_CHECKOUTS shoppers per checkout scenario (default 1000)
|   BENCH_ONLY      pages | checkout: run one part
|   BENCH_FROM_SOURCE=1  serve the TypeScript sources (no build), for a quick look
|   BENCH_PORT      server port (default 3400; the ceiling uses the next one)
|
*/
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { benchCheckout, type CheckoutFigures } from './checkout.js'
import { ace, benchEnv, buildUnlessSkipped, ensureDatabase, root, startServer, waitFor } from './bench_server.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 20)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const products = Number(process.env.BENCH_PRODUCTS ?? 10_000)
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockroom_bench'
const serverPort = Number(process.env.BENCH_PORT ?? 3400)
const ceilingPort = serverPort + 1

const env = benchEnv(databaseUrl, 'bench-data')

function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

async function measure(name: string, url: string) {
  const result = await autocannon({ url, connections, duration: seconds })
  return {
    name,
    url,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    bytesPerRequest: Math.round(result.throughput.average / Math.max(1, result.requests.average)),
  }
}

async function main() {
  await ensureDatabase(databaseUrl)
  buildUnlessSkipped()
  ace(env, ['migration:run', '--force'])
  ace(env, ['bench:seed', `--products=${products}`])

  const server: ChildProcess = startServer(env, serverPort)
  const base = `http://127.0.0.1:${serverPort}`
  let ceiling: http.Server | undefined
  try {
    await waitFor(`${base}/health/live`)
    const home = await (await fetch(`${base}/`)).text()
    const productHandle = /href="\/products\/([^"?#]+)"/.exec(home)?.[1]
    const collectionHandle = /href="\/collections\/([^"?#]+)"/.exec(home)?.[1]

    // the ceiling: raw Node serving the same bytes as the home page
    const body = Buffer.from(home)
    ceiling = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
      res.end(body)
    })
    await new Promise<void>((resolve) => ceiling!.listen(ceilingPort, '127.0.0.1', resolve))

    const targets: Array<[string, string]> = [
      ['ceiling (raw node http, home bytes)', `http://127.0.0.1:${ceilingPort}/`],
      ['home', `${base}/`],
    ]
    if (collectionHandle) targets.push(['collection page', `${base}/collections/${collectionHandle}`])
    if (productHandle) targets.push(['product page', `${base}/products/${productHandle}`])
    targets.push(['search', `${base}/search?q=candle`])

    const results = []
    for (const [name, url] of process.env.BENCH_ONLY === 'checkout' ? [] : targets) {
      await fetch(url).catch(() => {}) // warm
      const figures = await measure(name, url)
      results.push({ ...figures, serverRssMb: name.startsWith('ceiling') ? null : rssMb(server.pid!) })
      console.log(`${name}: ${figures.requestsPerSecond} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms`)
    }
    let checkout: CheckoutFigures[] = []
    if (process.env.BENCH_ONLY !== 'pages') {
      checkout = await benchCheckout({ base, root, env, connections })
      console.table(
        checkout.map((r) => ({
          scenario: r.name,
          'orders/s': r.ordersPerSecond,
          'p50 ms': r.p50Ms,
          'p99 ms': r.p99Ms,
          placed: r.placed,
          refused: r.refused,
          failed: r.failed,
        }))
      )
    }
    const ceilingRps = results[0]?.requestsPerSecond ?? 1
    const report = results.map((r) => ({ ...r, ratioToCeiling: Number((r.requestsPerSecond / ceilingRps).toFixed(3)) }))
    console.table(
      report.map((r) => ({
        target: r.name,
        'req/s': r.requestsPerSecond,
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        'x ceiling': r.ratioToCeiling,
        'non-2xx': r.non2xx,
        'RSS MB': r.serverRssMb,
      }))
    )
    const out = join(root, 'tests/bench/results')
    mkdirSync(out, { recursive: true })
    const file = join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    writeFileSync(
      file,
      JSON.stringify({ at: new Date().toISOString(), seconds, connections, products, redis: Boolean(process.env.REDIS_URL), results: report, checkout }, null, 2)
    )
    console.log(`written ${file}`)
  } finally {
    ceiling?.close()
    // the server stops cleanly on SIGTERM (bin/server.ts)
    server.kill('SIGTERM')
  }
}

await main()
