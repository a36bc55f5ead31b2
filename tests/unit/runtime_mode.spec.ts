import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import runtime from '#config/runtime'

/**
 * The suite runs once per mode; each run checks the drivers its mode
 * promises, and the embedded run checks that nothing dialled Redis.
 */
test.group('Runtime mode | drivers chosen from the environment', () => {
  test('drivers follow DATABASE_URL and REDIS_URL', async ({ assert }) => {
    const queue = await app.container.make('stockroom.queue')
    assert.equal(app.config.get('database.connection'), runtime.databaseUrl ? 'pg' : 'sqlite')
    assert.equal(queue.driver, runtime.redis ? 'bullmq' : 'database')
    assert.equal(runtime.sessionDriver, runtime.redis ? 'redis' : 'cookie')
  })

  test('embedded mode opens no Redis connection at all; production mode checks Redis for readiness', async ({ assert }) => {
    // The readiness probe's own list (the unit suite serves no HTTP; tests/functional/health.spec.ts asks over HTTP).
    const { healthChecks } = await import('#start/health')
    const report = await healthChecks.run()
    const redisChecks = report.checks.filter((check) => /redis/i.test(check.name))
    if (runtime.redis) {
      assert.lengthOf(redisChecks, 1, 'production mode: readiness waits on Redis')
      assert.equal(redisChecks[0].status, 'ok')
      assert.isAbove(redis.activeConnectionsCount, 0)
      return
    }
    assert.lengthOf(redisChecks, 0, 'embedded mode has no Redis to check')
    // by now the whole app has booted, plugins loaded, jobs and outbox wired
    await app.container.make('stockroom.outbox')
    await app.container.make('cache.manager')
    assert.equal(redis.activeConnectionsCount, 0)
    assert.equal(runtime.mode, 'embedded')
  })

  test('the SQLite database runs in WAL mode', async ({ assert }) => {
    if (runtime.database !== 'sqlite') {
      assert.equal(runtime.database, 'pg')
      return
    }
    const db = (await import('@adonisjs/lucid/services/db')).default
    const result = await db.rawQuery('PRAGMA journal_mode')
    assert.equal(String(result[0].journal_mode).toLowerCase(), 'wal')
  })
})
