import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import StaffUser from '#models/staff_user'
import { recordEvent } from '#plugin_host/outbox'

/**
 * Failed attempts allowed per account before it is locked for a while.
 * The per-IP throttle on the route stops one machine hammering; this stops
 * many machines guessing one staff member's password.
 */
export const STAFF_LOGIN_FAILURES_PER_ACCOUNT = 5
const ACCOUNT_WINDOW = '15 minutes'

export interface SignInStaffInput {
  email: string
  password: string
}

export type SignInStaffResult =
  | { signedIn: true; user: StaffUser }
  | { signedIn: false; reason: 'invalid_credentials' | 'inactive' }

/** The limiter that counts failed sign-ins per account email. */
export function staffAccountLimiter() {
  return limiter.use({
    requests: STAFF_LOGIN_FAILURES_PER_ACCOUNT,
    duration: ACCOUNT_WINDOW,
    blockDuration: ACCOUNT_WINDOW,
  })
}

/**
 * Signs a staff member in to the back-office: checks the password (in
 * constant time, whether or not the email exists), refuses deactivated
 * accounts, counts failures per account, stamps `last_login_at`, records
 * `StaffSignedIn` and starts a fresh session (the guard regenerates the
 * session id, so a fixed pre-login id is useless).
 *
 * Throws the limiter's E_TOO_MANY_REQUESTS when the account is locked.
 */
@inject()
export default class SignInStaff {
  constructor(protected ctx: HttpContext) {}

  async handle({ email, password }: SignInStaffInput): Promise<SignInStaffResult> {
    const accountKey = `staff_login_account_${email}`
    let user: StaffUser | null
    try {
      const [throttled, verified] = await staffAccountLimiter().penalize(accountKey, () =>
        StaffUser.verifyCredentials(email, password)
      )
      if (throttled) throw throttled
      user = verified
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
        return { signedIn: false, reason: 'invalid_credentials' }
      }
      throw error
    }

    if (!user.isActive) return { signedIn: false, reason: 'inactive' }

    const at = DateTime.utc()
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.lastLoginAt = at
      await user.save()
      await recordEvent(
        'StaffSignedIn',
        {
          staffUserId: user.id,
          email: user.email,
          ip: this.ctx.request.ip(),
          userAgent: this.ctx.request.header('user-agent') ?? null,
          at: at.toISO()!,
        },
        trx
      )
    })

    await this.ctx.auth.use('staff').login(user)
    return { signedIn: true, user }
  }
}
