import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import StaffInvitation from '#models/staff_invitation'
import { dbTimestamp } from '#services/db_time'

/** How long an invitation link works. */
export const INVITE_TTL_HOURS = 72

/** 32 random bytes, base64url: what the email carries. Only its SHA-256 is stored. */
export function newInviteToken() {
  const raw = randomBytes(32).toString('base64url')
  return { raw, hash: hashInviteToken(raw), expiresAt: DateTime.now().plus({ hours: INVITE_TTL_HOURS }) }
}

export function hashInviteToken(raw: string) {
  return createHash('sha256').update(raw).digest('hex')
}

export function looksLikeInviteToken(raw: unknown): raw is string {
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{43}$/.test(raw)
}

/** The pending, unexpired invitation this raw token opens, or null. */
export async function findUsableInvite(raw: unknown) {
  if (!looksLikeInviteToken(raw)) return null
  return StaffInvitation.query()
    .where('token_hash', hashInviteToken(raw))
    .whereNull('accepted_at')
    .whereNull('revoked_at')
    .where('expires_at', '>', dbTimestamp())
    .preload('role')
    .first()
}
