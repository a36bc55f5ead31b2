import { test } from '@japa/runner'
import runtime from '#config/runtime'
import {
  clearRedisPause,
  noteRedisFailure,
  processStalledRecently,
  redisAvailable,
  watchRedis,
} from '#services/redis_availability'

/*
| A failed Redis command pauses Redis for the whole process (sessions go to
| the cookie fallback), unless the failure came right after this process's
| own event loop stalled: then the command timed out while Redis's answer
| waited unread, and a pause would hand live shoppers empty sessions.
*/

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Holds the event loop the way a burst of work on a starved machine does. */
function stall(ms: number) {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}

test.group('Redis availability | failures and this process stalling', (group) => {
  group.each.teardown(() => clearRedisPause())

  test('a failure pauses Redis; one right after a stall of this process does not', async ({ assert }) => {
    await watchRedis()
    // a loaded machine may have stalled this process already: wait until that is forgotten
    for (let waited = 0; processStalledRecently() && waited < 7_000; waited += 250) await sleep(250)
    assert.isFalse(processStalledRecently())

    assert.isTrue(redisAvailable())
    assert.isTrue(noteRedisFailure(), 'an ordinary failure pauses Redis')
    assert.isFalse(redisAvailable())
    clearRedisPause()

    stall(1_500)
    await sleep(300)
    assert.isTrue(processStalledRecently())
    assert.isFalse(noteRedisFailure(), 'a failure after a stall is put down to the stall')
    assert.isTrue(redisAvailable())
  })
    .timeout(20_000)
    .skip(!runtime.redis, 'needs Redis: runs in the PostgreSQL + Redis suite')
})
