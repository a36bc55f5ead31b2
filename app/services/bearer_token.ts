import { timingSafeEqual } from 'node:crypto'

/**
 * Whether an Authorization header carries `token` as a bearer token,
 * compared in constant time. False when no token is configured. Machine
 * endpoints (health report, metrics) use it.
 */
export function holdsBearerToken(authorization: string | undefined, token: string | undefined) {
  if (!token || !authorization?.startsWith('Bearer ')) return false
  const given = Buffer.from(authorization.slice('Bearer '.length).trim())
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
