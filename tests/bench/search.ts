/*
|--------------------------------------------------------------------------
| npm run bench:search
|--------------------------------------------------------------------------
|
| Search and instant suggestions under wrk, with distinct queries drawn
| from the bench catalog's vocabulary (tests/bench/search.lua): p50, p95
| and p99 at 1, 4 and 50 connections. Not a test: it prints figures and
| writes them to tests/bench/results/search-<time>.json and .md.
|
| Environment:
|   DATABASE_URL      PostgreSQL to seed and serve from (default: a local
|                     stockroom_bench database, created if missing)
|   BENCH_SQLITE=1    the embedded mode instead (SQLite in tmp/bench-search-sqlite)
|   REDIS_URL         optional; production mode with Redis when set
|   BENCH_PRODUCTS    catalog size when seeding (default 10000)
|   BENCH_SECONDS     seconds per run (default 15)
|   BENCH_CONNECTIONS comma-separated (default 1,4,50)
|   BENCH_MODES       search,suggest (default both)
|   BENCH_CACHED=1    let repeated queries hit the page cache (default: every
|                     URL is new, so every answer is computed)
|   BENCH_SKIP_SEED=1 use the database as it is (no migration, no seed)
|   BENCH_SKIP_BUILD=1 / BENCH_FROM_SOURCE=1 / BENCH_PORT (default 3400)
|
| wrk comes from Debian (`apt-get install -y wrk`); the bench says so when
| it is missing.
*/
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { ace, benchEnv, buildUnlessSkipped, ensureDatabase, root, startServer, waitFor } from './bench_server.js'
import { benchVendors, benchWording, createVocabulary, BENCH_VOCABULARY_SIZE } from '../../database/seeders/demo/vocabulary.js'
import { createRandom, generateCatalog, GENERATED_TYPES } from '../../database/seeders/demo/generated_catalog.js'

const sqlite = process.env.BENCH_SQLITE === '1'
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockroom_bench'
const products = Number(process.env.BENCH_PRODUCTS ?? 10_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 15)
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? '1,4,50').split(',').map(Number)
const modes = (process.env.BENCH_MODES ?? 'search,suggest').split(',') as Array<'search' | 'suggest'>
const port = Number(process.env.BENCH_PORT ?? 3400)
const dataDirName = sqlite ? 'bench-search-sqlite' : 'bench-search'
const dataDir = join(root, 'tmp', dataDirName)

interface WrkFigures {
  requests: number
  durationUs: number
  p50Us: number
  p95Us: number
  p99Us: number
  maxUs: number
  non2xx: number
  socketErrors: number
}

function requireWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
  } catch (error: any) {
    // wrk --version exits 1 after printing its version; only a missing binary is fatal
    if (error.code === 'ENOENT') throw new Error('wrk is not installed: apt-get install -y wrk')
  }
}

/**
 * The vocabulary, vendors and types the Lua script draws its queries from,
 * and the catalog's titles (generated again as bench:seed does, same seed)
 * for suggestions: a shopper types the start of a title that exists.
 */
function writeQueryData() {
  const vocabulary = createVocabulary(BENCH_VOCABULARY_SIZE)
  const catalog = generateCatalog(createRandom(42), { active: products, drafts: 0, archived: 0 }, benchWording(vocabulary))
  const lines = [
    ...vocabulary.words.map((word) => `w ${word}`),
    ...benchVendors(vocabulary).map((vendor) => `v ${vendor}`),
    ...GENERATED_TYPES.map((type) => `t ${type}`),
    ...catalog.map((product) => `p ${product.title.toLowerCase()}`),
  ]
  const file = join(dataDir, 'queries.txt')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

function runWrk(url: string, connections: number, mode: string, dataFile: string): WrkFigures {
  const output = execFileSync(
    'wrk',
    ['-t', String(Math.min(2, connections)), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '-s', join(root, 'tests/bench/search.lua'), url],
    {
      encoding: 'utf8',
      env: { ...process.env, SEARCH_BENCH_DATA: dataFile, SEARCH_MODE: mode, SEARCH_UNCACHED: process.env.BENCH_CACHED === '1' ? '0' : '1' },
    }
  )
  const line = output.split('\n').find((candidate) => candidate.startsWith('{"requests"'))
  if (!line) throw new Error(`wrk printed no figures:\n${output}`)
  return JSON.parse(line)
}

const ms = (us: number) => Number((us / 1000).toFixed(1))

async function main() {
  requireWrk()
  mkdirSync(dataDir, { recursive: true })
  const env = benchEnv(databaseUrl, dataDirName)
  if (sqlite) delete env.DATABASE_URL
  if (!sqlite) await ensureDatabase(databaseUrl)
  buildUnlessSkipped()
  if (process.env.BENCH_SKIP_SEED !== '1') {
    ace(env, ['migration:run', '--force'])
    ace(env, ['bench:seed', `--products=${products}`])
  }
  const dataFile = writeQueryData()

  const server: ChildProcess = startServer(env, port)
  const base = `http://127.0.0.1:${port}`
  const runs = []
  try {
    await waitFor(`${base}/health/live`)
    await fetch(`${base}/search?q=warm`).catch(() => {})
    for (const mode of modes) {
      for (const connections of connectionCounts) {
        const load = loadavg()[0]
        const figures = runWrk(base, connections, mode, dataFile)
        const run = {
          mode,
          connections,
          requestsPerSecond: Math.round(figures.requests / (figures.durationUs / 1e6)),
          p50Ms: ms(figures.p50Us),
          p95Ms: ms(figures.p95Us),
          p99Ms: ms(figures.p99Us),
          maxMs: ms(figures.maxUs),
          non2xx: figures.non2xx,
          socketErrors: figures.socketErrors,
          loadAverageBefore: Number(load.toFixed(2)),
          loadAverageAfter: Number(loadavg()[0].toFixed(2)),
        }
        runs.push(run)
        console.log(
          `${mode} c=${connections}: ${run.requestsPerSecond} req/s, p50 ${run.p50Ms} ms, p95 ${run.p95Ms} ms, ` +
            `p99 ${run.p99Ms} ms (load ${run.loadAverageBefore} → ${run.loadAverageAfter})`
        )
      }
    }
  } finally {
    // the server stops cleanly on SIGTERM (bin/server.ts)
    server.kill('SIGTERM')
  }

  const at = new Date().toISOString()
  const setup = {
    at,
    database: sqlite ? 'sqlite' : 'postgres',
    redis: Boolean(process.env.REDIS_URL),
    products,
    seconds,
    cached: process.env.BENCH_CACHED === '1',
    fromSource: process.env.BENCH_FROM_SOURCE === '1',
  }
  const out = join(root, 'tests/bench/results')
  mkdirSync(out, { recursive: true })
  const name = `search-${at.replace(/[:.]/g, '-')}`
  writeFileSync(join(out, `${name}.json`), JSON.stringify({ ...setup, runs }, null, 2))
  const table = [
    `# Search bench, ${at}`,
    '',
    `${setup.database}${setup.redis ? ' + Redis' : ''}, ${products} products, ${seconds} s per run, ` +
      `${setup.cached ? 'page cache allowed' : 'every URL distinct (no page cache hit)'}${setup.fromSource ? ', from source' : ''}`,
    '',
    '| mode | connections | req/s | p50 ms | p95 ms | p99 ms | non-2xx | load avg |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (run) =>
        `| ${run.mode} | ${run.connections} | ${run.requestsPerSecond} | ${run.p50Ms} | ${run.p95Ms} | ${run.p99Ms} | ${run.non2xx} | ${run.loadAverageBefore} |`
    ),
  ].join('\n')
  writeFileSync(join(out, `${name}.md`), table + '\n')
  console.log(`\n${table}\n\nwritten tests/bench/results/${name}.{json,md}`)
}

await main()
