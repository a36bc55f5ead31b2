import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import db from '@adonisjs/lucid/services/db'
import { ACCOUNT_BACKOFF, LoginBackoff } from '#services/login_backoff'
import StaffUser from '#models/staff_user'
import { recordEvent } from '#plugin_host/outbox'

/**
 * Failed attempts allowed per account before it is locked, each further
 * failure locking it longer (#services/login_backoff). The per-IP throttle
 * on the route stops one machine hammering; this stops many machines
 * guessing one staff member's password, and a patient one too.
 */
export const STAFF_LOGIN_FAILURES_PER_ACCOUNT = ACCOUNT_BACKOFF.freeFailures

export interface SignInStaffInput {
  email: string
  password: string
}

export type SignInStaffResult =
  | { signedIn: true; user: StaffUser }
  | { signedIn: false; reason: 'invalid_credentials' | 'inactive' }

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
    const backoff = new LoginBackoff('staff', email, this.ctx.request.ip())
    let user: StaffUser | null
    try {
      user = await backoff.guard(() => StaffUser.verifyCredentials(email, password))
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
