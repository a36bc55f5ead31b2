import { createServer, type Server } from 'node:http'
import { registry } from '#observability/metrics'
import { mayReadMetrics } from '#observability/metrics_access'

/**
 * /metrics for a process that serves no HTTP (a worker: METRICS_PORT), on
 * a plain Node server: the same registry and the same access rule as the
 * web processes' route. Resolves once it listens.
 */
export async function serveMetrics(port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://worker.invalid').pathname !== '/metrics') {
      return response.writeHead(404, { 'content-type': 'text/plain' }).end('Only /metrics is served here.\n')
    }
    if (!mayReadMetrics(request.headers, request.socket.remoteAddress)) {
      return response.writeHead(403, { 'content-type': 'text/plain' }).end('Metrics are read with METRICS_TOKEN, or from this machine.\n')
    }
    try {
      const body = await registry.metrics()
      response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(body)
    } catch {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected.\n')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return server
}
