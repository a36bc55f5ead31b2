import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import env from '#start/env'
import { ConfigurationError } from '#exceptions/configuration_error'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import { trustedProxies } from '#services/trusted_proxies'
import runtime from '#config/runtime'

/**
 * Production must be given APP_KEY. An embedded store makes one on first
 * start and keeps it beside its database, so sessions survive restarts
 * without anyone having to know what an app key is.
 */
function resolveAppKey(): string {
  const fromEnv = env.get('APP_KEY')
  if (fromEnv) {
    if (fromEnv.length < 32) throw new ConfigurationError('APP_KEY must be at least 32 characters long')
    return fromEnv
  }
  if (app.inProduction) {
    throw new ConfigurationError('APP_KEY is required in production. Generate one with: node ace generate:key --show')
  }
  const file = join(runtime.dataDir, 'app_key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const key = randomBytes(32).toString('base64url')
  writeFileSync(file, key, { mode: 0o600 })
  return key
}

export const appKey = new Secret(resolveAppKey())

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  // X-Forwarded-For only from our own proxies: a client must not choose its IP (rate limits)
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
