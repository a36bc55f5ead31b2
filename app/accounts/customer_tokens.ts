import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { affectedRows, dbTimestamp } from '#services/db_time'

export type CustomerTokenPurpose = 'verify' | 'reset' | 'change_email'

/** How long each kind of emailed link works. */
export const TOKEN_TTL: Record<CustomerTokenPurpose, { hours: number }> = {
  verify: { hours: 48 },
  reset: { hours: 1 },
  change_email: { hours: 24 },
}

export interface CustomerTokenRow {
  id: number
  customerId: number
  purpose: CustomerTokenPurpose
  email: string | null
}

type Client = QueryClientContract | TransactionClientContract

export function hashToken(raw: string) {
  return createHash('sha256').update(raw).digest('hex')
}

/** Raw tokens are 32 random bytes in base64url: 43 characters. */
export function looksLikeToken(raw: unknown): raw is string {
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{43}$/.test(raw)
}

/**
 * Creates a token and answers the raw value (to email, never stored) with
 * its row id (for idempotency keys). Earlier unused tokens of the same
 * purpose stop working: only the newest link is valid.
 */
export async function issueCustomerToken(
  customerId: number,
  purpose: CustomerTokenPurpose,
  options: { email?: string | null; client?: Client } = {}
) {
  const client = options.client ?? db.connection()
  const raw = randomBytes(32).toString('base64url')
  const now = DateTime.now()
  await client
    .from('customer_tokens')
    .where('customer_id', customerId)
    .where('purpose', purpose)
    .whereNull('used_at')
    .update({ used_at: dbTimestamp(client, now), updated_at: dbTimestamp(client, now) })
  const [inserted] = await client
    .table('customer_tokens')
    .insert({
      customer_id: customerId,
      purpose,
      token_hash: hashToken(raw),
      email: options.email ?? null,
      expires_at: dbTimestamp(client, now.plus(TOKEN_TTL[purpose])),
      used_at: null,
      created_at: dbTimestamp(client, now),
      updated_at: dbTimestamp(client, now),
    })
    .returning('id')
  const id = Number(typeof inserted === 'object' ? inserted.id : inserted)
  return { raw, id }
}

/** The unused, unexpired token with this raw value and purpose (without using it up). */
export async function findUsableToken(raw: unknown, purpose: CustomerTokenPurpose, client: Client = db.connection()) {
  if (!looksLikeToken(raw)) return null
  const row = await client
    .from('customer_tokens')
    .where('token_hash', hashToken(raw))
    .where('purpose', purpose)
    .whereNull('used_at')
    .where('expires_at', '>', dbTimestamp(client))
    .first()
  return row ? toTokenRow(row) : null
}

/**
 * Uses a token up, once: the conditional UPDATE decides, so two requests
 * racing with the same link cannot both succeed. Answers the token, or
 * null when it is unknown, used, expired or of another purpose.
 */
export async function consumeCustomerToken(raw: unknown, purpose: CustomerTokenPurpose, client: Client) {
  const row = await findUsableToken(raw, purpose, client)
  if (!row) return null
  const now = dbTimestamp(client)
  const updated = await client
    .from('customer_tokens')
    .where('id', row.id)
    .whereNull('used_at')
    .where('expires_at', '>', now)
    .update({ used_at: now, updated_at: now })
  return affectedRows(updated) === 1 ? row : null
}

/**
 * Following an emailed link proves the customer reads that address: it
 * counts as verified, but only while it is still the account's address
 * (the token names the address it was sent to).
 */
export async function verifyTokenEmail(token: CustomerTokenRow, trx: TransactionClientContract, now = dbTimestamp(trx)) {
  await trx
    .from('customers')
    .where('id', token.customerId)
    .where('email', token.email ?? '')
    .whereNull('email_verified_at')
    .update({ email_verified_at: now, updated_at: now })
}

function toTokenRow(row: any): CustomerTokenRow {
  return { id: Number(row.id), customerId: Number(row.customer_id), purpose: row.purpose, email: row.email }
}
