import type { HttpContext } from '@adonisjs/core/http'

/** Discounts, shipping and tax are store settings: one permission covers them. */
export const PRICING_SETTINGS_PERMISSION = 'settings.manage'

/**
 * Answers true, having sent the 403, when the signed-in staff member may
 * not manage discounts, shipping or tax. The sidebar hides the links too,
 * but every route asks again here.
 */
export async function denyPricingSettings(ctx: Pick<HttpContext, 'auth' | 'response'>) {
  if (await ctx.auth.use('staff').user!.can(PRICING_SETTINGS_PERMISSION)) return false
  ctx.response.forbidden('Discounts, shipping and tax need the settings.manage permission. Ask a store owner.')
  return true
}
