import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Sends already signed-in staff from the sign-in page to the dashboard. */
export default class StaffGuestMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (await ctx.auth.use('staff').check()) {
      return ctx.response.redirect('/admin')
    }
    return next()
  }
}
