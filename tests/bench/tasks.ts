/*
|--------------------------------------------------------------------------
| npm run bench:tasks
|--------------------------------------------------------------------------
|
| The one-off tasks whose time the suite no longer asserts (a timed test
| fails on a busy machine and passes a slow change on a fast one): the quick
| start's `stockroom:setup` (first run with the demo catalog, a second run,
| and `--skip-demo` on an empty store), each as the command's wall time,
| boot included, in embedded mode (SQLite) in a fresh data folder; and the
| image pipeline on a 12 MP photo (median of BENCH_RUNS). Prints the figures
| and writes tests/bench/results/tasks-<timestamp>.json. Not a test.
|
| Environment:
|   BENCH_RUNS   image runs (default 5)
|
*/
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { processImage } from '../../app/catalog/image_processing.js'
import { jpegImage } from '../helpers/images.js'
import { root } from './bench_server.js'

const runs = Number(process.env.BENCH_RUNS ?? 5)

/** Embedded mode (no PostgreSQL, no Redis) in tmp/<dataDir>, emptied first. */
function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const folder = join(root, 'tmp', dataDir)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APP_KEY: process.env.APP_KEY ?? randomBytes(32).toString('base64url'),
    DATA_DIR: folder,
    LOG_LEVEL: 'error',
  }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  return env
}

/** Wall time of `node ace …`, in ms. */
function timeAce(env: NodeJS.ProcessEnv, args: string[]) {
  const started = performance.now()
  execFileSync(process.execPath, ['ace', ...args], { cwd: root, env, stdio: 'ignore' })
  return Math.round(performance.now() - started)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function main() {
  const demo = embeddedEnv('bench-tasks-demo')
  const empty = embeddedEnv('bench-tasks-empty')
  const setup = {
    'first run: migrate, demo catalog, owner': timeAce(demo, ['stockroom:setup']),
    'second run: nothing to do': timeAce(demo, ['stockroom:setup']),
    '--skip-demo on an empty store': timeAce(empty, ['stockroom:setup', '--skip-demo']),
    '--skip-demo again': timeAce(empty, ['stockroom:setup', '--skip-demo']),
  }
  // what node ace costs before any command runs, to read the figures above against
  const boot = timeAce(empty, ['list'])

  const photo = await jpegImage(4000, 3000)
  const images: number[] = []
  for (let run = 0; run < runs; run++) images.push((await processImage(photo)).ms)

  const figures = { setupMs: setup, aceBootMs: boot, image12MpMedianMs: median(images), image12MpMs: images }
  for (const [name, ms] of Object.entries(setup)) console.log(`stockroom:setup, ${name}: ${ms} ms`)
  console.log(`node ace list (boot alone): ${boot} ms`)
  console.log(`12 MP photo to every width: median ${figures.image12MpMedianMs} ms of ${runs} (${images.join(', ')})`)
  const out = join(root, 'tests/bench/results')
  mkdirSync(out, { recursive: true })
  const file = join(out, `tasks-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), figures }, null, 2))
  console.log(`written ${file}`)
}

await main()
