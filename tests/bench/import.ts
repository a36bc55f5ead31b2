/*
|--------------------------------------------------------------------------
| npm run bench:import
|--------------------------------------------------------------------------
|
| Imports a generated Shopify product CSV with the built `stockroom` CLI
| into an empty database, then imports it again (nothing changes), and
| reports rows/s and the CLI's peak RSS for both runs. Not a test.
|
| Environment:
|   IMPORT_ROWS      rows in the generated file (default 100000: 25,000
|                    products of 4 variants)
|   DATABASE_URL     PostgreSQL to import into; the database is emptied.
|                    Default stockroom_bench_import on 127.0.0.1. Set
|                    IMPORT_SQLITE=1 to import into embedded SQLite instead.
|   BENCH_SKIP_BUILD=1  reuse an existing build/
|
*/
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = fileURLToPath(new URL('../../', import.meta.url))
const rows = Number(process.env.IMPORT_ROWS ?? 100_000)
const sqlite = process.env.IMPORT_SQLITE === '1'
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockroom_bench_import'
const dataDir = join(root, 'tmp/bench-import')

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  APP_KEY: process.env.APP_KEY ?? randomBytes(32).toString('base64url'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  DEMO_DATA: 'false',
  REDIS_URL: '',
}
if (sqlite) delete env.DATABASE_URL
else env.DATABASE_URL = databaseUrl

async function emptyDatabase() {
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  if (sqlite) return
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`)
  await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
  await client.end()
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').catch(() => {})
  await db.end()
}

/** 4 variants (Size × Color) per product, an image per product, quoted HTML bodies. */
async function writeCsv(path: string) {
  const out = createWriteStream(path)
  const write = (line: string) => (out.write(line + '\n') ? null : once(out, 'drain'))
  await write('Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Image Src,Image Position,Image Alt Text,Status')
  const sizes = ['S', 'M']
  const colors = ['Ink', 'Sand']
  for (let p = 0; p < rows / 4; p++) {
    let variant = 0
    for (const size of sizes) {
      for (const color of colors) {
        const first = variant === 0
        const fields = [
          `bench-${p}`,
          first ? `Bench Product ${p}` : '',
          first ? `"<p>Product ${p}, made for the import benchmark, with ""quotes"", commas, and <strong>markup</strong>.</p>"` : '',
          first ? ['North & Pine', 'Atelier Ferro', 'Stockroom Goods'][p % 3] : '',
          first ? ['Shirts', 'Mugs', 'Posters', 'Socks'][p % 4] : '',
          first ? `"bench, tag-${p % 50}"` : '',
          first ? 'TRUE' : '',
          first ? 'Size' : '', size, first ? 'Color' : '', color,
          `BENCH-${p}-${variant}`, '250', String((p + variant) % 40), 'deny',
          (19 + (p % 80) + variant).toFixed(2), variant === 3 ? '99.00' : '', 'TRUE', 'TRUE',
          first ? `https://cdn.example.com/bench/${p}.jpg` : '', first ? '1' : '', first ? `Bench Product ${p}` : '',
          first ? 'active' : '',
        ]
        const pending = write(fields.join(','))
        if (pending) await pending
        variant++
      }
    }
  }
  out.end()
  await once(out, 'finish')
}

/** Runs the built CLI, sampling its resident memory every 100 ms. */
async function runImport(file: string) {
  const started = performance.now()
  // the built CLI resolves its packages from the app root's node_modules
  const child = spawn(process.execPath, ['bin/stockroom.js', 'import', 'products', file, '--json'], { cwd: join(root, 'build'), env })
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => process.stderr.write(chunk))
  let peakKb = 0
  let cpuTicks = 0
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      // utime + stime (fields 14 and 15): on a shared machine CPU time says more than wall time
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
      cpuTicks = Number(fields[11]) + Number(fields[12])
    } catch {}
  }, 100)
  const [code] = await once(child, 'exit')
  clearInterval(sampler)
  if (code !== 0) throw new Error(`import exited with ${code}: ${stdout}`)
  const seconds = (performance.now() - started) / 1000
  const result = JSON.parse(stdout.trim().split('\n').pop()!)
  return {
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(rows / seconds),
    importRowsPerSecond: Math.round(rows / (result.ms / 1000)),
    peakRssMb: Math.round(peakKb / 1024),
    cliCpuSeconds: Number((cpuTicks / 100).toFixed(1)),
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    errors: result.errorCount,
  }
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync(process.execPath, ['ace', 'build'], { cwd: root, stdio: 'inherit' })
  await emptyDatabase()
  execFileSync(process.execPath, ['ace', 'migration:run', '--force'], { cwd: root, env, stdio: 'inherit' })
  const file = join(dataDir, `bench-${rows}.csv`)
  await writeCsv(file)

  const create = await runImport(file)
  const again = await runImport(file)
  const report = { at: new Date().toISOString(), database: sqlite ? 'sqlite' : 'postgresql', rows, create, reimport: again }
  console.log(JSON.stringify(report, null, 2))
  mkdirSync(join(root, 'tests/bench/results'), { recursive: true })
  writeFileSync(join(root, `tests/bench/results/import-${Date.now()}.json`), JSON.stringify(report, null, 2))
}

await main()
