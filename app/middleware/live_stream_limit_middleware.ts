import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { liveStreamLimits } from '#config/transmit'

/** Open streams of this process, by session id and by client IP. */
const openBySession = new Map<string, number>()
const openByIp = new Map<string, number>()

/** What a client that opened too many streams is told. */
export const TOO_MANY_STREAMS = 'Too many live-update streams are open from here. Close some tabs of this store and reload.'

function add(counts: Map<string, number>, key: string, delta: number) {
  const next = (counts.get(key) ?? 0) + delta
  if (next > 0) counts.set(key, next)
  else counts.delete(key)
}

/**
 * Caps the live-update streams (GET /__transmit/events) one session and one
 * IP may hold open in this process (config/transmit.ts). Each open stream
 * costs a connection and memory for hours: without a cap, one session
 * opened 5,000. A refused stream gets a 429 with Retry-After; counts drop
 * as streams close.
 */
export default class LiveStreamLimitMiddleware {
  async handle({ request, response, session }: HttpContext, next: NextFn) {
    const sessionKey = session?.sessionId ?? ''
    const ip = request.ip()
    if ((openBySession.get(sessionKey) ?? 0) >= liveStreamLimits.perSession || (openByIp.get(ip) ?? 0) >= liveStreamLimits.perIp) {
      return response.status(429).header('Retry-After', '60').send({ message: TOO_MANY_STREAMS })
    }
    add(openBySession, sessionKey, 1)
    add(openByIp, ip, 1)
    response.response.once('close', () => {
      add(openBySession, sessionKey, -1)
      add(openByIp, ip, -1)
    })
    return next()
  }
}
