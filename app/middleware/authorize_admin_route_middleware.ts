import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { routeAuthorization } from '#policies/admin_routes'

/**
 * Authorizes a back-office route against the policy action the route table
 * names for it; a refusal raises E_AUTHORIZATION_FAILURE (403 with the
 * policy's wording). A visitor who is not signed in, or whose account was
 * deactivated, passes on to staffAuth, which sends them to sign in.
 */
export default class AuthorizeAdminRouteMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const needed = routeAuthorization(ctx.route?.name, ctx.request.method())
    if (!needed || !ctx.auth) return next()
    const guard = ctx.auth.use('staff')
    if (!(await guard.check()) || !guard.user!.isActive) return next()
    // the table is typed loosely (any area, any action); each entry was checked against its policy's rules
    await ctx.bouncer.with(needed.policy).authorize(needed.action as never)
    return next()
  }
}
