import { test } from '@japa/runner'
import env from '#start/env'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { outboxServices } from '#tests/helpers/outbox'

/** The value of one series in a scrape (`name{labels} value`), 0 when absent. */
function sample(scrape: string, series: string) {
  const line = scrape.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : 0
}

async function scrape(headers: Record<string, string> = {}) {
  const response = await new HttpAgent().get('/metrics', headers)
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${response.text}`)
  return response.text
}

/** Runs `work` with METRICS_TOKEN set, then unsets it again. */
async function withMetricsToken(token: string, work: () => Promise<void>) {
  env.set('METRICS_TOKEN', token)
  try {
    await work()
  } finally {
    env.set('METRICS_TOKEN', '')
    delete process.env.METRICS_TOKEN
  }
}

test.group('Observability | /metrics access', () => {
  test('without METRICS_TOKEN, a scraper on this machine reads them, with no session or cookie', async ({ assert }) => {
    const response = await new HttpAgent().get('/metrics')
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
    assert.isNull(response.headers.get('set-cookie'))
    assert.equal(response.headers.get('cache-control'), 'no-store')
    // Node's runtime metrics under their standard names
    assert.include(response.text, 'nodejs_eventloop_lag_seconds')
    assert.include(response.text, 'process_resident_memory_bytes')
  })

  test('without METRICS_TOKEN, a request relayed by a proxy on this machine is refused', async ({ assert }) => {
    for (const header of ['x-forwarded-for', 'x-real-ip', 'forwarded']) {
      const response = await new HttpAgent().get('/metrics', { [header]: '203.0.113.9' })
      assert.equal(response.status, 403, header)
      assert.notInclude(response.text, 'nodejs_', header)
    }
  })

  test('with METRICS_TOKEN, only its bearer reads them, from anywhere', async ({ assert }) => {
    await withMetricsToken('scrape-secret-h5', async () => {
      for (const authorization of [undefined, 'Bearer wrong', 'Bearer scrape-secret-h5x', 'scrape-secret-h5']) {
        const response = await new HttpAgent().get('/metrics', authorization ? { authorization } : {})
        assert.equal(response.status, 403, String(authorization))
        assert.notInclude(response.text, 'stockroom_', String(authorization))
      }
      const response = await new HttpAgent().get('/metrics', {
        'authorization': 'Bearer scrape-secret-h5',
        'x-forwarded-for': '203.0.113.9',
      })
      assert.equal(response.status, 200)
      assert.include(response.text, 'stockroom_http_request_duration_seconds')
    })
  })
})

test.group('Observability | /metrics content', () => {
  test('requests are timed by route pattern, never by URL; unknown URLs share one label', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const agent = new HttpAgent()
    assert.equal((await agent.get(`/products/${product.handle}`)).status, 200)
    assert.equal((await agent.get(`/no-such-page-${product.handle}`)).status, 404)

    const text = await scrape()
    assert.isAbove(sample(text, 'stockroom_http_request_duration_seconds_count{route="/products/:handle",method="GET",status="2xx"}'), 0)
    assert.isAbove(sample(text, 'stockroom_http_request_duration_seconds_count{route="unmatched",method="GET",status="4xx"}'), 0)
    assert.notInclude(text, product.handle, 'no series names a URL')
  })

  test('a page answered from the cache counts a hit, under its route, with no SQL', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const agent = new HttpAgent()
    const route = 'route="/products/:handle"'

    let before = await scrape()
    assert.equal((await agent.get(`/products/${product.handle}`)).status, 200)
    let after = await scrape()
    assert.equal(
      sample(after, 'stockroom_page_cache_requests_total{result="miss"}') - sample(before, 'stockroom_page_cache_requests_total{result="miss"}'),
      1,
      'the cold page is a miss'
    )
    assert.isAbove(
      sample(after, `stockroom_http_request_sql_queries_sum{${route}}`) - sample(before, `stockroom_http_request_sql_queries_sum{${route}}`),
      0,
      'the cold page ran SQL'
    )

    before = after
    const warm = await agent.get(`/products/${product.handle}`)
    assert.equal(warm.status, 200)
    assert.equal(warm.headers.get('x-query-count'), '0')
    after = await scrape()
    assert.equal(
      sample(after, 'stockroom_page_cache_requests_total{result="hit"}') - sample(before, 'stockroom_page_cache_requests_total{result="hit"}'),
      1,
      'the warm page is a hit'
    )
    assert.equal(
      sample(after, 'stockroom_page_cache_requests_total{result="miss"}'),
      sample(before, 'stockroom_page_cache_requests_total{result="miss"}')
    )
    assert.equal(
      sample(after, `stockroom_http_request_sql_queries_count{${route}}`) - sample(before, `stockroom_http_request_sql_queries_count{${route}}`),
      1,
      'the hit is counted under its route, though no router saw it'
    )
    assert.equal(
      sample(after, `stockroom_http_request_sql_queries_sum{${route}}`),
      sample(before, `stockroom_http_request_sql_queries_sum{${route}}`),
      'and ran no SQL'
    )
  })

  test('queue depth, outbox lag and live streams are read at each scrape', async ({ assert }) => {
    const { queue } = await outboxServices()
    const counts = await queue.countJobs()
    const text = await scrape()
    for (const state of ['pending', 'running', 'failed'] as const) {
      assert.equal(sample(text, `stockroom_jobs{state="${state}"}`), counts[state], state)
      assert.include(text, `stockroom_jobs{state="${state}"}`)
    }
    assert.match(text, /^stockroom_outbox_oldest_pending_seconds\{stage="relay"\} \d/m)
    assert.match(text, /^stockroom_outbox_oldest_pending_seconds\{stage="delivery"\} \d/m)
    assert.match(text, /^stockroom_live_streams \d+$/m)
  })

  test('a scrape is cheap', async ({ assert }) => {
    await scrape()
    const times: number[] = []
    for (let round = 0; round < 10; round++) {
      const started = performance.now()
      await scrape()
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    // 50 ms is the aim on a quiet machine; the bound leaves room for a loaded CI
    assert.isBelow(times[5], 150, `median ${times[5].toFixed(1)} ms`)
  })
})
