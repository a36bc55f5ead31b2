import { defineConfig } from '@adonisjs/shield'
import { cdnOrigin } from '#services/assets'
import { mediaStorage } from '#config/drive'

/** With CDN_URL set, stylesheets, scripts and images also come from the CDN. */
const cdn = cdnOrigin ? [cdnOrigin] : []

/*
 * A payment provider's origins (Stripe.js and its frames) are not listed here:
 * the payment page adds those its active driver declares (driver.contentSources).
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce', ...cdn],
      styleSrc: [`'self'`, `'unsafe-inline'`, ...cdn],
      // product images may live in an S3 bucket or its CDN (S3_PUBLIC_URL)
      imgSrc: [`'self'`, 'data:', ...cdn, ...(mediaStorage.origin ? [mediaStorage.origin] : [])],
      connectSrc: [`'self'`],
      frameSrc: [`'self'`],
      fontSrc: [`'self'`, ...cdn],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // POST /cart/lines: the add-to-cart form sits on page-cached public product pages,
    // which carry no session and so no token. It refuses cross-site posts by origin
    // instead (#services/request_origin); every other cart change keeps the token.
    // POST /newsletter: the footer's sign-up form is on those same cached pages; same origin check.
    exceptRoutes: (ctx) =>
      ctx.request.url().startsWith('/health/') ||
      (ctx.request.method() === 'POST' && (ctx.request.url() === '/cart/lines' || ctx.request.url() === '/newsletter')),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
