import type { IncomingHttpHeaders } from 'node:http'
import env from '#start/env'
import { holdsBearerToken } from '#services/bearer_token'

/** Headers a proxy adds: a request carrying one came through it, whatever its socket says. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip']

function isLoopback(address: string | undefined) {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'))
}

/**
 * Who may read the metrics. With METRICS_TOKEN set: whoever sends it as
 * `Authorization: Bearer <token>`, from anywhere. Without it: only a
 * scraper on this machine talking to the process directly. A request that
 * came through a proxy on this machine (nginx) arrives from 127.0.0.1 too,
 * so one carrying forwarding headers is refused: the public could
 * otherwise read the metrics through the store's own front door.
 */
export function mayReadMetrics(headers: IncomingHttpHeaders, remoteAddress: string | undefined) {
  const token = env.get('METRICS_TOKEN')
  if (token) return holdsBearerToken(headers.authorization, token)
  return isLoopback(remoteAddress) && !FORWARDING_HEADERS.some((name) => headers[name] !== undefined)
}
