import { test } from '@japa/runner'
import runtime from '#config/runtime'

test.group('Health | probes', () => {
  test('live answers ok without touching any service', async ({ client }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
  })

  test('probes carry no session: no cookie, whatever the probe sends', async ({ client, assert }) => {
    for (const path of ['/health/live', '/health/ready']) {
      const response = await client.get(path)
      response.assertStatus(200)
      assert.notExists(response.header('set-cookie'), `${path} sets no cookie`)
    }
  })

  test('ready tells anyone only its status: no pid, Node version or heap', async ({ client, assert }) => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${process.env.HEALTH_TOKEN}x`]) {
      const request = client.get('/health/ready')
      if (authorization) request.header('authorization', authorization)
      const response = await request
      response.assertStatus(200)
      response.assertBody({ status: 'ok' })
      assert.notMatch(response.text(), /pid|node|heap|version/i)
    }
  })

  test('ready checks the database, and Redis when configured (report for HEALTH_TOKEN holders)', async ({ client, assert }) => {
    const response = await client.get('/health/ready').header('authorization', `Bearer ${process.env.HEALTH_TOKEN}`)
    response.assertStatus(200)
    assert.equal(response.header('cache-control'), 'no-store')
    const report = response.body()
    assert.isTrue(report.isHealthy)
    const names: string[] = report.checks.map((check: { name: string }) => check.name)
    const database = report.checks.find((check: { name: string }) => /database/i.test(check.name))
    assert.exists(database, `a database check among ${names.join(', ')}`)
    assert.equal(database.status, 'ok')
    assert.include(JSON.stringify(database.meta), runtime.database === 'pg' ? 'pg' : 'sqlite')

    const redis = report.checks.find((check: { name: string }) => /redis/i.test(check.name))
    if (runtime.redis) {
      assert.exists(redis, `a Redis check among ${names.join(', ')}`)
      assert.equal(redis.status, 'ok')
    } else {
      assert.notExists(redis, 'embedded mode has no Redis to check')
    }
  })
})
