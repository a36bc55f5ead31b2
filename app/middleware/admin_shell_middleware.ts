import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { adminNavBadges, chosenColorScheme, COLOR_SCHEME_COOKIE, groupAdminNav, visibleAdminNav } from '#services/admin_navigation'
import { flashAsToast } from '#middleware/htmx_middleware'

/**
 * Shares what every back-office page's layout needs: the sidebar (core and
 * plugin entries the staff member may open, grouped, with the current page
 * marked), the signed-in staff member, the current path and the colour
 * scheme they chose (null: follow the device). Runs after
 * staffAuth. On the way out, an htmx answer's flash becomes a toast.
 */
export default class AdminShellMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const staffUser = ctx.auth.use('staff').user ?? null
    const currentPath = ctx.request.url()
    const visible = await visibleAdminNav(staffUser)
    const badges = await adminNavBadges(visible)
    const colorScheme = chosenColorScheme(ctx.request.plainCookie(COLOR_SCHEME_COOKIE, { encoded: false }))
    ctx.view.share({ adminNav: groupAdminNav(visible, currentPath, badges), staffUser, currentPath, colorScheme })
    await next()
    flashAsToast(ctx)
  }
}
