import type { HttpContext } from '@adonisjs/core/http'
import { SimplePaginator } from '@adonisjs/lucid/database'

/** Colour tokens of public/css/app.css, in the order the style guide shows them. */
const COLOR_TOKENS = [
  'text', 'muted', 'bg', 'surface', 'surface-raised', 'border', 'control-border',
  'accent', 'accent-hover', 'accent-soft', 'accent-border', 'on-accent',
  'primary', 'primary-hover', 'on-primary',
  'danger', 'danger-soft', 'danger-border', 'success', 'success-soft', 'success-border',
  'warning', 'warning-soft', 'warning-border', 'focus', 'backdrop', 'fallback-stripe',
]
const TYPE_SCALE = ['xs', 'sm', 'base', 'lg', 'xl', '2xl', '3xl', '4xl']

/**
 * Admin › Style guide: the design tokens and every ui component, rendered by
 * the real components, so what staff and developers see here is what pages
 * get. Any signed-in staff member may open it; it changes nothing.
 */
export default class StyleguideController {
  async index({ view, request }: HttpContext) {
    // a sample paginator for ui.pagination: page 2 of 3
    const paginator = new SimplePaginator(30, 10, 2, ...[])
    paginator.baseUrl(request.url())
    return view.render('pages/admin/styleguide/index', { colorTokens: COLOR_TOKENS, typeScale: TYPE_SCALE, paginator })
  }
}
