/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
*/
import limiter from '@adonisjs/limiter/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { HttpLimiter } from '@adonisjs/limiter'
import { rateLimitsOff } from '#config/limiter'

type LimitBuilder = (ctx: HttpContext) => HttpLimiter<any>

/** Every limit below, unless RATE_LIMITS=off (never in production, see config/limiter.ts). */
function define(name: string, builder: LimitBuilder) {
  return limiter.define(name, (ctx) => (rateLimitsOff ? limiter.noLimit() : builder(ctx)))
}

/** Staff sign-in: 10 attempts a minute per IP, then a 15-minute block. */
export const staffLoginThrottle = define('staff_login', (ctx) => {
  return limiter
    .allowRequests(10)
    .every('1 minute')
    .blockFor('15 minutes')
    .usingKey(`staff_login_${ctx.request.ip()}`)
})

/** Customer sign-in (checkout): like staff sign-in, 10 attempts a minute per IP, then 15 minutes blocked. */
export const customerLoginThrottle = define('customer_login', (ctx) => {
  return limiter
    .allowRequests(10)
    .every('1 minute')
    .blockFor('15 minutes')
    .usingKey(`customer_login_${ctx.request.ip()}`)
})

/**
 * Placing orders: 10 a minute per shopper session, far above any real
 * shopper. Keyed by session rather than IP so many shoppers behind one
 * address (offices, carrier NAT) are not refused together.
 */
export const placeOrderThrottle = define('place_order', (ctx) => {
  return limiter.allowRequests(10).every('1 minute').usingKey(`place_order_${ctx.session.sessionId}`)
})

/**
 * The payment page creates provider payments: 30 requests a minute per IP
 * is plenty for a shopper retrying, and stops a script from minting
 * PaymentIntents.
 */
export const paymentPageThrottle = define('payment_page', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`payment_page_${ctx.request.ip()}`)
})

/** Sign-up: 5 accounts an hour per IP, then an hour blocked (each sends an email). */
export const customerSignUpThrottle = define('customer_sign_up', (ctx) => {
  return limiter.allowRequests(5).every('1 hour').blockFor('1 hour').usingKey(`customer_sign_up_${ctx.request.ip()}`)
})

/**
 * Requests that email a link (password reset, resend verification, email
 * change): 5 per 15 minutes per IP, so the shop cannot be used to flood
 * someone's inbox; then 15 minutes blocked.
 */
export const accountEmailThrottle = define('account_email', (ctx) => {
  return limiter.allowRequests(5).every('15 minutes').blockFor('15 minutes').usingKey(`account_email_${ctx.request.ip()}`)
})

/** Submitting an emailed link's form (new password): 10 a minute per IP, against token guessing. */
export const accountTokenThrottle = define('account_token', (ctx) => {
  return limiter.allowRequests(10).every('1 minute').blockFor('15 minutes').usingKey(`account_token_${ctx.request.ip()}`)
})

/**
 * Search: 120 a minute per IP (instant search sends one per pause in typing). Each uncached query runs full-text SQL; a
 * cached page answers before this limit counts (the page cache runs first).
 */
export const searchThrottle = define('search', (ctx) => {
  return limiter.allowRequests(120).every('1 minute').usingKey(`search_${ctx.request.ip()}`)
})

/** The admin command palette: 120 a minute per staff member (one request per pause in typing). */
export const adminSearchThrottle = define('admin_search', (ctx) => {
  return limiter.allowRequests(120).every('1 minute').usingKey(`admin_search_${ctx.auth.use('staff').user?.id ?? ctx.request.ip()}`)
})

/**
 * Newsletter sign-up and unsubscribe, anonymous posts: 10 per 15 minutes per
 * IP, then 15 minutes blocked, so a script cannot fill the list (or empty
 * it by guessing links).
 */
export const newsletterThrottle = define('newsletter', (ctx) => {
  return limiter.allowRequests(10).every('15 minutes').blockFor('15 minutes').usingKey(`newsletter_${ctx.request.ip()}`)
})
