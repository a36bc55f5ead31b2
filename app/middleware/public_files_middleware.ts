import { readdirSync } from 'node:fs'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/** Top-level names in public/ (css, vendor, favicon.svg…), read once: the folder changes only with a deploy. */
let publicEntries: Set<string> | undefined
let files: StaticMiddleware | undefined

function readPublicEntries() {
  try {
    return new Set(readdirSync(app.publicPath()))
  } catch {
    return new Set<string>()
  }
}

/**
 * @adonisjs/static, asked only for paths under a name that exists in
 * public/. The stock middleware is rebuilt for every request and stats the
 * disk for every URL (/products/…, /admin/…), a large share of a cached
 * page's cost; here it is built once and pages skip it.
 */
export default class PublicFilesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    publicEntries ??= readPublicEntries()
    const first = ctx.request.url().split('/', 2)[1] ?? ''
    if (!publicEntries.has(first)) return next()
    files ??= await app.container.make(StaticMiddleware)
    return files.handle(ctx, next)
  }
}
