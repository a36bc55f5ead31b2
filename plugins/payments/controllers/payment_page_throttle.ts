import limiter from '@adonisjs/limiter/services/main'

/**
 * The payment page creates provider payments: 30 requests a minute per IP
 * is plenty for a shopper retrying, and stops a script from minting
 * PaymentIntents.
 */
export const paymentPageThrottle = limiter.define('payment_page', (ctx) => {
  return limiter.allowRequests(30).every('1 minute').usingKey(`payment_page_${ctx.request.ip()}`)
})
