import type { HttpContext } from '@adonisjs/core/http'
import vine from '#validators/vine'
import InventoryPolicy from '#policies/inventory_policy'
import { lowStockVariants } from '../queries/low_stock_query.js'

const pageValidator = vine.compile(vine.object({ page: vine.number().withoutDecimals().min(1).max(100_000).optional() }))

/** Admin › Low stock: the variants whose low-stock alert is raised. */
export default class LowStockController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(InventoryPolicy).authorize('read')
    const [, query] = await pageValidator.tryValidate(request.qs())
    const result = await lowStockVariants(query?.page ?? 1)
    return view.render('inventory::admin/low_stock', result)
  }
}
