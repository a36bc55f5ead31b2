import { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { csvStringifier } from '#services/csv'
import { levelFiltersValidator } from '../validators/admin.js'
import { adminLocations, eachLevel, listLevels } from '../queries/admin_levels_query.js'
import InventoryPolicy from '#policies/inventory_policy'
import { filtersFrom } from '#controllers/admin/query_filters'

export const LEVELS_CSV_COLUMNS = ['sku', 'product', 'variant', 'location', 'on_hand', 'reserved', 'available', 'low_stock_threshold']

/** Admin › Inventory: stock per variant and location, filtered, a keyset page at a time, and its CSV. */
export default class StockLevelsController {
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(InventoryPolicy).authorize('read')
    const { filters, query } = await filtersFrom(request, levelFiltersValidator, { omit: ['after'] })
    const levels = await listLevels(filters)
    const { after: _after, ...form } = filters
    const state = { levels, form, query, firstPage: Boolean(filters.after) }
    return htmx.render('inventory::admin/levels', 'inventory::admin/_levels_table', state, {
      pageData: async () => ({ locations: await adminLocations(), canWrite: await bouncer.with(InventoryPolicy).allows('write') }),
    })
  }

  /** The same filters as the list, every matching level, streamed a thousand rows at a time. */
  async export({ bouncer, request, response }: HttpContext) {
    await bouncer.with(InventoryPolicy).authorize('read')
    const { after: _after, ...filters } = (await filtersFrom(request, levelFiltersValidator)).filters
    const rows = Readable.from(
      (async function* () {
        for await (const level of eachLevel(filters)) {
          yield {
            sku: level.sku ?? '',
            product: level.productTitle,
            variant: level.variantTitle,
            location: level.locationCode,
            on_hand: level.onHand,
            reserved: level.reserved,
            available: level.available,
            low_stock_threshold: level.threshold ?? '',
          }
        }
      })()
    )
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="inventory-${new Date().toISOString().slice(0, 10)}.csv"`)
    response.header('Cache-Control', 'private, no-store')
    response.stream(rows.pipe(csvStringifier({ header: true, columns: LEVELS_CSV_COLUMNS })))
  }
}
