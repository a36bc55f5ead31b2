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

  test('embedded mode opens no Redis connection at all', async ({ assert }) => {
    if (runtime.redis) {
      // production mode: Redis is in use, and health says so
      const response = await fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).catch(() => null)
      if (response) {
        const report: any = await response.json()
        assert.isTrue(report.checks.some((check: any) => /redis/i.test(check.name)))
      }
      assert.isAbove(redis.activeConnectionsCount, 0)
      return
    }
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
