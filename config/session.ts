import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import runtime from '#config/runtime'

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
    redis: stores.redis({ connection: 'main' } as any),
  },
})

export default sessionConfig
