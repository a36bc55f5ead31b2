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
