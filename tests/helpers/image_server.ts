import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Route {
  status?: number
  type?: string
  body?: Buffer | string
  /** answer the headers, then never finish the body */
  hang?: boolean
}

/**
 * A local HTTP server on 127.0.0.1 standing in for a shop's image CDN, so
 * fetch tests need no internet. Routes can be added while it runs; every
 * request path is counted.
 */
export async function startImageServer(routes: Record<string, Route> = {}) {
  const hits = new Map<string, number>()
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/'
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const route = routes[path]
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    response.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'image/jpeg' })
    if (route.hang) {
      response.write(Buffer.alloc(10))
      return
    }
    response.end(route.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    routes,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
