import type { HttpContext } from '@adonisjs/core/http'

export type InventoryAccess = 'read' | 'write'

const messages: Record<InventoryAccess, string> = {
  read: 'Stock needs the inventory.read permission. Ask a store owner.',
  write: 'Adjusting or moving stock needs the inventory.write permission. Ask a store owner.',
}

/**
 * Who may see and change stock in the back-office. Forms are hidden from
 * roles without inventory.write, but every route asks again here. Answers
 * true, having sent the 403, when the staff member may not.
 */
export async function denyInventoryAccess(ctx: Pick<HttpContext, 'auth' | 'response'>, access: InventoryAccess) {
  if (await ctx.auth.use('staff').user!.can(`inventory.${access}`)) return false
  ctx.response.forbidden(messages[access])
  return true
}

/** An empty field means "any", not an invalid value. */
export function withoutBlanks(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== null && value !== undefined))
}
