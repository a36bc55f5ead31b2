import type { HttpContext } from '@adonisjs/core/http'
import { colorSchemeValidator } from '#validators/admin_search'
import { COLOR_SCHEME_COOKIE } from '#services/admin_navigation'

/**
 * The header's light / dark / device switch: the choice goes in a cookie
 * for a year (this browser, this staff member's device), and every admin
 * page renders with it (partials/document_head.edge), so it never flashes.
 */
export default class ColorSchemeController {
  async update({ request, response }: HttpContext) {
    const { scheme } = await request.validateUsing(colorSchemeValidator)
    if (scheme === 'system') response.clearCookie(COLOR_SCHEME_COOKIE)
    else response.plainCookie(COLOR_SCHEME_COOKIE, scheme, { maxAge: '1y', httpOnly: true, sameSite: 'lax', path: '/admin', encode: false })
    return response.redirect().status(303).back()
  }
}
