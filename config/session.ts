import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import runtime from '#config/runtime'
import { resilientRedisStore } from '#services/resilient_session_store'

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'stockroom-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: runtime.sessionDriver,
  stores: {
    cookie: stores.cookie(),
    // Redis, with an encrypted-cookie fallback while Redis is away (see the store)
    redis: resilientRedisStore({ connection: 'main' }),
  },
})

export default sessionConfig
