import net from 'node:net'
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import server from '@adonisjs/core/services/server'
import { HttpAgent } from '#tests/helpers/http_agent'
import { liveStreamLimits } from '#config/transmit'
import { HTTP_TIMEOUTS } from '#services/http_server_limits'
import { TOO_MANY_STREAMS } from '#middleware/live_stream_limit_middleware'

const port = Number(process.env.PORT)

/** Opens an SSE stream with the agent's cookies; answers its status and a close function. */
async function openStream(agent: HttpAgent) {
  const controller = new AbortController()
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(new URL(`/__transmit/events?uid=${randomUUID()}`, agent.baseUrl), {
    headers: { accept: 'text/event-stream', cookie },
    signal: controller.signal,
  })
  const body = response.status === 200 ? null : await response.text()
  const ended = response.status === 200 ? response.body!.getReader().read().then(() => false, () => true) : Promise.resolve(true)
  return { status: response.status, body, ended, close: () => controller.abort() }
}

/** A raw connection that sends `bytes` and then nothing; answers what came back and after how long the server closed it. */
function sendAndStall(bytes: string) {
  return new Promise<{ ms: number; reply: string }>((resolve, reject) => {
    const started = performance.now()
    let reply = ''
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes))
    socket.on('data', (chunk) => (reply += chunk))
    socket.on('close', () => resolve({ ms: performance.now() - started, reply }))
    socket.on('error', reject)
  })
}

/** Sets the running server's timeouts for one test (Node reads them on every check). */
function withTimeouts(values: Partial<Pick<typeof HTTP_TIMEOUTS, 'headersTimeout' | 'requestTimeout'>>) {
  const node = server.getNodeServer()!
  const before = { headersTimeout: node.headersTimeout, requestTimeout: node.requestTimeout }
  Object.assign(node, values)
  return () => Object.assign(node, before)
}

test.group('Security | slow clients and stream caps', () => {
  test('the server runs with timeouts set against slow clients and for nginx in front', async ({ assert }) => {
    const node = server.getNodeServer()!
    assert.equal(node.headersTimeout, HTTP_TIMEOUTS.headersTimeout)
    assert.equal(node.requestTimeout, HTTP_TIMEOUTS.requestTimeout)
    assert.equal(node.keepAliveTimeout, HTTP_TIMEOUTS.keepAliveTimeout)
    assert.isBelow(HTTP_TIMEOUTS.headersTimeout, 60_000)
    assert.isBelow(HTTP_TIMEOUTS.requestTimeout, 300_000)
  })

  test('unfinished headers and a never-finished body are cut; an open SSE stream is not', async ({ assert }) => {
    const restore = withTimeouts({ headersTimeout: 1500, requestTimeout: 2500 })
    try {
      const agent = new HttpAgent()
      await agent.get('/cart')
      const stream = await openStream(agent)
      assert.equal(stream.status, 200)

      const headers = await sendAndStall('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
      assert.include(headers.reply, '408')
      assert.isBelow(headers.ms, 5000)
      const body = await sendAndStall('POST /cart/lines HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nvariantId=1')
      assert.include(body.reply, '408')
      assert.isBelow(body.ms, 6000)

      // the stream outlived both timeouts
      const closedEarly = await Promise.race([stream.ended, new Promise<false>((resolve) => setTimeout(() => resolve(false), 200))])
      assert.isFalse(closedEarly)
      stream.close()
    } finally {
      restore()
    }
  }).timeout(30_000)

  test('one session gets a 429 past its stream cap, and a stream again once one closes', async ({ assert }) => {
    const agent = new HttpAgent()
    await agent.get('/cart')
    const streams = []
    for (let index = 0; index < liveStreamLimits.perSession; index++) streams.push(await openStream(agent))
    assert.isTrue(streams.every((stream) => stream.status === 200))
    const refused = await openStream(agent)
    assert.equal(refused.status, 429)
    assert.include(refused.body, TOO_MANY_STREAMS)

    streams.pop()!.close()
    const again = await waitForStream(agent)
    assert.equal(again.status, 200)
    for (const stream of [...streams, again]) stream.close()
  }).timeout(30_000)

  test('one IP gets a 429 past its stream cap, whatever sessions it uses', async ({ assert }) => {
    const before = liveStreamLimits.perIp
    liveStreamLimits.perIp = 3
    const streams: Awaited<ReturnType<typeof openStream>>[] = []
    try {
      for (let index = 0; index < 3; index++) {
        const agent = new HttpAgent()
        await agent.get('/cart')
        streams.push(await openStream(agent))
      }
      assert.isTrue(streams.every((stream) => stream.status === 200))
      const stranger = new HttpAgent()
      await stranger.get('/cart')
      const refused = await openStream(stranger)
      assert.equal(refused.status, 429)
    } finally {
      liveStreamLimits.perIp = before
      streams.forEach((stream) => stream.close())
    }
  }).timeout(30_000)
})

/** A closed stream is counted off when the server sees the close: retry briefly. */
async function waitForStream(agent: HttpAgent) {
  const deadline = Date.now() + 5000
  while (true) {
    const stream = await openStream(agent)
    if (stream.status === 200 || Date.now() > deadline) return stream
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
