import { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { stringify } from 'csv-stringify'
import { levelFiltersValidator } from '../validators/admin.js'
import { adminLocations, eachLevel, listLevels } from '../queries/admin_levels_query.js'
import { denyInventoryAccess, withoutBlanks } from './inventory_access.js'

export const LEVELS_CSV_COLUMNS = ['sku', 'product', 'variant', 'location', 'on_hand', 'reserved', 'available', 'low_stock_threshold']

/** Admin › Inventory: stock per variant and location, filtered, a keyset page at a time, and its CSV. */
export default class StockLevelsController {
  async index({ auth, request, response, view }: HttpContext) {
    if (await denyInventoryAccess({ auth, response }, 'read')) return
    const [, validated] = await levelFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const filters = validated ?? {}
    const levels = await listLevels(filters)
    const { after: _after, ...form } = filters
    const query = new URLSearchParams(withoutBlanks({ ...form, low: form.low ? '1' : undefined }) as Record<string, string>)
    const state = { levels, form, query: query.toString(), firstPage: Boolean(filters.after) }
    response.header('Vary', 'HX-Request')
    if (request.header('hx-request') && !request.header('hx-boosted')) {
      return view.render('inventory::admin/_levels_table', state)
    }
    const canWrite = await auth.use('staff').user!.can('inventory.write')
    return view.render('inventory::admin/levels', { ...state, locations: await adminLocations(), canWrite })
  }

  /** The same filters as the list, every matching level, streamed a thousand rows at a time. */
  async export({ auth, request, response }: HttpContext) {
    if (await denyInventoryAccess({ auth, response }, 'read')) return
    const [, validated] = await levelFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const { after: _after, ...filters } = validated ?? {}
    const rows = Readable.from(
      (async function* () {
        for await (const level of eachLevel(filters)) {
          yield {
            sku: cell(level.sku ?? ''),
            product: cell(level.productTitle),
            variant: cell(level.variantTitle),
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
    response.stream(rows.pipe(stringify({ header: true, columns: LEVELS_CSV_COLUMNS })))
  }
}

/** Spreadsheets run a cell starting with = + - @ as a formula; a quote keeps a product title text. */
function cell(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
