/**
 * What the page and back-office benches share: a production-mode
 * environment, the bench database, the build, ace commands and the server
 * process. Each bench keeps its own targets and figures.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const fromSource = process.env.BENCH_FROM_SOURCE === '1'

/** Production mode on `databaseUrl`, files under tmp/<dataDir>, no demo catalog, quiet logs. */
export function benchEnv(databaseUrl: string, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    APP_KEY: process.env.APP_KEY ?? randomBytes(32).toString('base64url'),
    DATABASE_URL: databaseUrl,
    DATA_DIR: join(root, 'tmp', dataDir),
    // autocannon cuts connections mid-request when time is up; those aborts are not news
    LOG_LEVEL: 'fatal',
    DEMO_DATA: 'false',
  }
}

/** Creates the bench database when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string) {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
  await client.end()
}

/** `node ace build`, unless BENCH_SKIP_BUILD=1 or the sources are served. */
export function buildUnlessSkipped() {
  if (process.env.BENCH_SKIP_BUILD === '1' || fromSource) return
  execFileSync(process.execPath, ['ace', 'build'], { cwd: root, stdio: 'inherit' })
}

export function ace(env: NodeJS.ProcessEnv, args: string[], options: { tolerateFailure?: boolean } = {}) {
  try {
    execFileSync(process.execPath, ['ace', ...args], { cwd: root, env, stdio: 'inherit' })
  } catch (error) {
    if (!options.tolerateFailure) throw error
  }
}

/** The built server (or the sources with BENCH_FROM_SOURCE=1) on 127.0.0.1:`port`. */
export function startServer(env: NodeJS.ProcessEnv, port: number): ChildProcess {
  // the built server resolves its packages from the app root's node_modules
  const serverArgs = fromSource ? ['--import=ts-node-maintained/register/esm', 'bin/server.js'] : ['bin/server.js']
  return spawn(process.execPath, serverArgs, {
    cwd: fromSource ? root : join(root, 'build'),
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

export async function waitFor(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok).catch(() => false)) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}
