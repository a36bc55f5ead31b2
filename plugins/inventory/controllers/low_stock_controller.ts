import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { lowStockVariants } from '../queries/low_stock_query.js'

/** Staff who may see stock levels. */
export const LOW_STOCK_PERMISSION = 'inventory.read'

const pageValidator = vine.compile(vine.object({ page: vine.number().withoutDecimals().min(1).max(100_000).optional() }))

/** Admin › Low stock: the variants whose low-stock alert is raised. */
export default class LowStockController {
  async index({ auth, request, response, view }: HttpContext) {
    if (!(await auth.use('staff').user!.can(LOW_STOCK_PERMISSION))) {
      return response.forbidden('Seeing stock needs the inventory.read permission. Ask a store owner.')
    }
    const [, query] = await pageValidator.tryValidate(request.qs())
    const result = await lowStockVariants(query?.page ?? 1)
    return view.render('inventory::admin/low_stock', result)
  }
}
