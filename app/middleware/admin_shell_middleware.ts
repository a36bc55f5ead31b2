import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import { adminNavBadges, groupAdminNav } from '#services/admin_navigation'
import type { AdminNavEntry } from '#plugin_host/types'

/**
 * Shares what every back-office page's layout needs: the sidebar (core and
 * plugin entries the staff member may open, grouped, with the current page
 * marked), the signed-in staff member and the current path. Runs after
 * staffAuth. Hiding a link is a courtesy; each page still checks access.
 */
export default class AdminShellMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const staffUser = ctx.auth.use('staff').user ?? null
    const currentPath = ctx.request.url()
    const visible: AdminNavEntry[] = []
    // the host holds the navigation entries core and plugins registered
    const host = await app.container.make('stockroom.plugins')
    for (const entry of host.adminNav()) {
      if (!entry.permission || (staffUser && (await staffUser.can(entry.permission)))) visible.push(entry)
    }
    const badges = await adminNavBadges(visible)
    ctx.view.share({ adminNav: groupAdminNav(visible, currentPath, badges), staffUser, currentPath })
    return next()
  }
}
