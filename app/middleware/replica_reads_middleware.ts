import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { readFromReplicas, readReplicas } from '#services/read_replicas'

/** Catalog pages and search: the same public data for every visitor. */
export const CATALOG_ROUTES = new Set([
  'storefront.home',
  'storefront.search',
  'storefront.collections.show',
  'storefront.products.show',
  'storefront.sitemap',
])

/** Whether a route's reads may lag the primary: the catalog, search and back-office lists (`admin.<resource>.index`). */
export function readsMayLag(routeName: string | undefined) {
  if (!routeName) return false
  return CATALOG_ROUTES.has(routeName) || (routeName.startsWith('admin.') && routeName.endsWith('.index'))
}

/** Session key: until when this session's reads stay on the primary, after it sent a change. */
const PRIMARY_UNTIL = 'reads_primary_until'

/**
 * With DATABASE_READ_URL, lets GET and HEAD on the routes `readsMayLag`
 * names read from a replica (#services/read_replicas); every other request
 * reads the primary. A session that just sent a change (any other method)
 * reads the primary for as long as a replica may lag, so a list shown
 * after a save or a delete already includes it.
 */
export default class ReplicaReadsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!readReplicas) return next()
    const method = ctx.request.method()
    // public pages run without a session (#middleware/web_session_middleware)
    const session = ctx.session as HttpContext['session'] | undefined
    if (method !== 'GET' && method !== 'HEAD') {
      session?.put(PRIMARY_UNTIL, Date.now() + readReplicas.stalenessBoundMs)
      return next()
    }
    const name = ctx.route?.name
    if (!readsMayLag(name) || Number(session?.get(PRIMARY_UNTIL) ?? 0) > Date.now()) return next()
    readReplicas.start()
    // Who is signed in, and whether still active, comes from the primary: a
    // deactivated account loses the back-office at once, not after the lag.
    if (name!.startsWith('admin.')) await ctx.auth?.use('staff').check()
    return readFromReplicas(() => next())
  }
}
