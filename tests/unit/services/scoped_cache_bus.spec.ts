import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import cache from '@adonisjs/cache/services/main'
import runtime from '#config/runtime'
import { redisOptions } from '#config/redis'
import { busScope } from '#services/scoped_cache_bus'

/*
| Pub/sub channels are server-wide in Redis. The cache bus must only reach
| processes of the same store (same Redis database), or one store's writes
| empty another's in-memory pages. Needs Redis: PostgreSQL + Redis suite only.
*/
if (runtime.redis) {
  test.group('Cache bus | channel scoped to the Redis database', () => {
    test('an invalidation is published on this database\'s channel only', async ({ assert, cleanup }) => {
      const options = redisOptions()
      const listener = new Redis({ ...options, db: options.db })
      cleanup(async () => {
        await listener.quit()
      })
      const seen: string[] = []
      listener.on('pmessage', (_pattern, channel) => seen.push(channel))
      await listener.psubscribe('*bentocache.notifications*')

      await cache.set({ key: `bus-scope-${Date.now()}`, value: 1 })
      await cache.delete({ key: `bus-scope-${Date.now()}` })
      const deadline = Date.now() + 3000
      while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))

      assert.isAbove(seen.length, 0)
      const expected = `${busScope(options)}:bentocache.notifications`
      for (const channel of seen) assert.isTrue(channel.startsWith(expected), channel)
    })

    test('two databases get two scopes; the same database one', ({ assert }) => {
      assert.notEqual(busScope({ db: 1 }), busScope({ db: 2 }))
      assert.equal(busScope({ db: 3 }), busScope({ db: 3 }))
      assert.notEqual(busScope({ db: 3, keyPrefix: 'a:' }), busScope({ db: 3, keyPrefix: 'b:' }))
    })
  })
}
