import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * The account area: signed-in customers only. Others go to the sign-in
 * page, which brings them back afterwards (GET only: a form posted after
 * the session ended is not replayed).
 */
export default class CustomerAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.auth.use('customer')
    if (!(await guard.check()) || guard.user?.anonymizedAt) {
      if (ctx.request.header('hx-request')) {
        ctx.response.header('HX-Redirect', '/account/sign-in')
        return ctx.response.unauthorized('Sign in again')
      }
      const back = ctx.request.method() === 'GET' ? `?next=${encodeURIComponent(ctx.request.url(true))}` : ''
      // what was flashed for this page ("Your session expired…") is said on the sign-in page instead
      ctx.session.reflash()
      return ctx.response.redirect(`/account/sign-in${back}`)
    }
    return next()
  }
}
