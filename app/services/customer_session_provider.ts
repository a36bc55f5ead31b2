import { createHmac, timingSafeEqual } from 'node:crypto'
import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type Customer from '#models/customer'
import { appKey } from '#config/app'

/**
 * The customer guard's user provider. The session holds `<id>.<stamp>`,
 * where the stamp is an HMAC of the customer's password hash: resetting or
 * changing the password (or erasing the account) changes the stamp, so
 * every session opened before stops authenticating, on the cookie and on
 * the Redis session store alike, without a list of sessions to revoke.
 */
export class CustomerSessionProvider extends SessionLucidUserProvider<typeof Customer> {
  async createUserForGuard(user: Customer) {
    const adapter = await super.createUserForGuard(user)
    return {
      getId: () => `${adapter.getId()}.${sessionStamp(user)}`,
      getOriginal: () => adapter.getOriginal(),
    }
  }

  async findById(identifier: string | number | BigInt) {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(String(identifier))
    if (!match) return null
    const found = await super.findById(Number(match[1]))
    if (!found) return null
    const expected = Buffer.from(sessionStamp(found.getOriginal()))
    const given = Buffer.from(match[2])
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    return this.createUserForGuard(found.getOriginal())
  }
}

export function sessionStamp(customer: Pick<Customer, 'id' | 'password' | 'anonymizedAt'>) {
  return createHmac('sha256', appKey.release())
    .update(`customer-session:${customer.id}:${customer.password ?? ''}:${customer.anonymizedAt ? 'erased' : ''}`)
    .digest('base64url')
    .slice(0, 22)
}
