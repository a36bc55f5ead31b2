import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { adminNavBadges, groupAdminNav, visibleAdminNav } from '#services/admin_navigation'
import { flashAsToast } from '#middleware/htmx_middleware'

/**
 * Shares what every back-office page's layout needs: the sidebar (core and
 * plugin entries the staff member may open, grouped, with the current page
 * marked), the signed-in staff member and the current path. Runs after
 * staffAuth. On the way out, an htmx answer's flash becomes a toast.
 */
export default class AdminShellMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const staffUser = ctx.auth.use('staff').user ?? null
    const currentPath = ctx.request.url()
    const visible = await visibleAdminNav(staffUser)
    const badges = await adminNavBadges(visible)
    ctx.view.share({ adminNav: groupAdminNav(visible, currentPath, badges), staffUser, currentPath })
    await next()
    flashAsToast(ctx)
  }
}
