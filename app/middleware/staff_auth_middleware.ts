import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Lets signed-in, active staff through; everyone else goes to the admin
 * sign-in page, which sends them back where they were going afterwards.
 */
export default class StaffAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.auth.use('staff')
    let authenticated = await guard.check()
    // Deactivating an account must also end the sessions it already has.
    if (authenticated && !guard.user!.isActive) {
      await guard.logout()
      authenticated = false
    }
    if (!authenticated) {
      if (ctx.request.header('hx-request')) {
        ctx.response.header('HX-Redirect', '/admin/login')
        return ctx.response.unauthorized('Sign in again')
      }
      const next_ = ctx.request.method() === 'GET' ? `?next=${encodeURIComponent(ctx.request.url(true))}` : ''
      // what was flashed for this page ("Your session expired…") is said on the sign-in page instead
      ctx.session.reflash()
      return ctx.response.redirect(`/admin/login${next_}`)
    }
    return next()
  }
}
