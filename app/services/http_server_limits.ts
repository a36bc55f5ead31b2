import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/**
 * Node's HTTP server timeouts, set for a process behind nginx (or another
 * proxy) and against slow clients holding connections open (slowloris).
 *
 * - headers: a client has 10 s to send its request headers (Node: 60 s).
 * - request: 120 s to send the whole request, body included (Node: 300 s);
 *   the largest body we take is a 100 MB image upload. Server-Sent Events
 *   are not affected: an SSE request is a GET whose request ends with its
 *   headers, and its response may stream for hours.
 * - keep-alive: an idle connection stays open 65 s, longer than nginx's
 *   upstream keepalive_timeout (60 s), so nginx always closes first and
 *   never reuses a connection Node is closing.
 * - Node checks these every second (default 30 s), so a cut is on time.
 */
export const HTTP_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 65_000,
  connectionsCheckingInterval: 1_000,
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void

/** An HTTP server with HTTP_TIMEOUTS, for bin/server.ts and the test server. */
export function createLimitedServer(handler: Handler): Server {
  const server = createServer(
    {
      headersTimeout: HTTP_TIMEOUTS.headersTimeout,
      requestTimeout: HTTP_TIMEOUTS.requestTimeout,
      keepAliveTimeout: HTTP_TIMEOUTS.keepAliveTimeout,
      connectionsCheckingInterval: HTTP_TIMEOUTS.connectionsCheckingInterval,
    },
    handler
  )
  return server
}
