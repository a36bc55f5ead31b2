/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
*/
import limiter from '@adonisjs/limiter/services/main'

/** Staff sign-in: 10 attempts a minute per IP, then a 15-minute block. */
export const staffLoginThrottle = limiter.define('staff_login', (ctx) => {
  return limiter
    .allowRequests(10)
    .every('1 minute')
    .blockFor('15 minutes')
    .usingKey(`staff_login_${ctx.request.ip()}`)
})

/** Customer sign-in (checkout): like staff sign-in, 10 attempts a minute per IP, then 15 minutes blocked. */
export const customerLoginThrottle = limiter.define('customer_login', (ctx) => {
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
export const placeOrderThrottle = limiter.define('place_order', (ctx) => {
  return limiter.allowRequests(10).every('1 minute').usingKey(`place_order_${ctx.session.sessionId}`)
})
