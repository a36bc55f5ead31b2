import pg from 'pg'
import runtime from '#config/runtime'

/**
 * PostgreSQL tests get a database of their own, made here when missing and
 * emptied at the start of each run. A database whose name does not end in
 * `_test` is refused: the suite drops every table it finds.
 */
export async function prepareTestDatabase() {
  if (runtime.database !== 'pg') return
  const url = new URL(runtime.databaseUrl!)
  const name = decodeURIComponent(url.pathname.slice(1))
  if (!name.endsWith('_test')) {
    throw new Error(
      `Refusing to run tests on database "${name}": point DATABASE_URL at a database whose name ends in _test ` +
        `(for example postgres://postgres@127.0.0.1:5432/stockroom_test); it is created when missing`
    )
  }
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const adminClient = new pg.Client({ connectionString: admin.toString() })
  await adminClient.connect()
  try {
    const found = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0) await adminClient.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
  } finally {
    await adminClient.end()
  }
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE')
    await client.query('CREATE SCHEMA public')
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').catch(() => {})
  } finally {
    await client.end()
  }
}

/** Empties the Redis database named in REDIS_URL (use a spare one, e.g. /15). */
export async function flushTestRedis() {
  if (!runtime.redis) return
  const redis = (await import('@adonisjs/redis/services/main')).default
  await redis.connection().flushdb()
}
