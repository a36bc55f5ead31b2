import { defineConfig } from '@adonisjs/shield'
import { cdnOrigin } from '#services/assets'

/** With CDN_URL set, stylesheets, scripts and images also come from the CDN. */
const cdn = cdnOrigin ? [cdnOrigin] : []

const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce', ...cdn],
      styleSrc: [`'self'`, `'unsafe-inline'`, ...cdn],
      imgSrc: [`'self'`, 'data:', ...cdn],
      connectSrc: [`'self'`],
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
    exceptRoutes: (ctx) => ctx.request.url().startsWith('/health/'),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
