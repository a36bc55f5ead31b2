import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { observeJob, registry } from '#observability/metrics'
import { serveMetrics } from '#observability/metrics_server'

test.group('Observability | a worker’s metrics (METRICS_PORT)', () => {
  test('serves /metrics with job timings to this machine, refuses relayed requests', async ({ assert }) => {
    await observeJob('test.metrics-server', { attempt: 1, dueAt: Date.now() - 1500 }, async () => {})
    await assert.rejects(() =>
      observeJob('test.metrics-server', { attempt: 2, dueAt: Date.now() }, async () => {
        throw new Error('no')
      })
    )
    const server = await serveMetrics(0)
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const response = await fetch(`${base}/metrics`)
      assert.equal(response.status, 200)
      const text = await response.text()
      assert.include(text, 'stockroom_job_duration_seconds_count{job="test.metrics-server",outcome="completed"} 1')
      assert.include(text, 'stockroom_job_duration_seconds_count{job="test.metrics-server",outcome="failed"} 1')
      // waiting is measured on the first attempt only: it was due 1.5 s before it started
      assert.include(text, 'stockroom_job_wait_seconds_count{job="test.metrics-server"} 1')
      assert.include(text, 'stockroom_job_wait_seconds_bucket{le="1",job="test.metrics-server"} 0')
      assert.include(text, 'stockroom_job_wait_seconds_bucket{le="5",job="test.metrics-server"} 1')

      assert.equal((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 403)
      assert.equal((await fetch(`${base}/other`)).status, 404)
    } finally {
      server.close()
    }
  })
})

test.group('Observability | Grafana dashboard', () => {
  test('deploy/grafana/stockroom.json charts only metrics Stockroom serves', async ({ assert }) => {
    const dashboard = JSON.parse(readFileSync(app.makePath('deploy/grafana/stockroom.json'), 'utf8'))
    const expressions: string[] = JSON.stringify(dashboard).match(/"expr":"(?:[^"\\]|\\.)*"/g) ?? []
    assert.isAbove(expressions.length, 10)
    const served = new Set((await registry.getMetricsAsJSON()).map((metric) => metric.name))
    const used = new Set(expressions.flatMap((expr) => expr.match(/\b(?:stockroom|process|nodejs)_[a-z0-9_]+/g) ?? []))
    for (const name of used) {
      assert.isTrue(served.has(name.replace(/_(bucket|sum|count)$/, '')), `${name} is not served by /metrics`)
    }
    for (const name of served) {
      if (name.startsWith('stockroom_')) assert.isTrue([...used].some((u) => u.startsWith(name)), `${name} is on no panel`)
    }
  })
})
