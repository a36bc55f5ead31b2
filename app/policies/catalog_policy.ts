import type { HttpContext } from '@adonisjs/core/http'

/**
 * Who may see and change the catalog in the back-office. The sidebar hides
 * links a role cannot open, but every catalog route asks again here.
 * Answers true, having sent the 403, when the staff member may not.
 */
export async function denyCatalogAccess(ctx: Pick<HttpContext, 'auth' | 'response'>, access: 'read' | 'write') {
  const staff = ctx.auth.use('staff').user!
  if (await staff.can(`catalog.${access}`)) return false
  ctx.response.forbidden(
    access === 'write'
      ? 'Changing the catalog needs the catalog.write permission. Ask a store owner.'
      : 'The catalog needs the catalog.read permission. Ask a store owner.'
  )
  return true
}
