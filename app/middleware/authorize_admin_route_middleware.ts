import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { requiredPermissions } from '#abilities/admin_routes'

/**
 * Refuses a back-office route (403) to signed-in staff whose role lacks
 * the permission the route table names for it. A visitor who is not
 * signed in, or whose account was deactivated, passes on to staffAuth,
 * which sends them to sign in.
 */
export default class AuthorizeAdminRouteMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const needed = requiredPermissions(ctx.route?.name, ctx.request.method())
    if (!needed || !ctx.auth) return next()
    const guard = ctx.auth.use('staff')
    if (!(await guard.check()) || !guard.user!.isActive) return next()
    if (await ctx.bouncer.allows('anyPermission', needed)) return next()
    return ctx.response.forbidden(`This page needs the ${needed.join(' or ')} permission. Ask a store owner.`)
  }
}
