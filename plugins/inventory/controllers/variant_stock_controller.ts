import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { staffActor } from '#services/actor'
import { adjustmentValidator, historyFiltersValidator, STAFF_ADJUSTMENT_REASONS, transferValidator } from '../validators/admin.js'
import { stockHistory, variantStock } from '../queries/stock_history_query.js'
import AdjustStockByStaff from '../actions/adjust_stock_by_staff.js'
import TransferStock from '../actions/transfer_stock.js'
import { StockChangeRefused } from '../stock/stock_locks.js'
import InventoryPolicy from '#policies/inventory_policy'
import { editAccess } from '#policies/edit_access'
import { filtersFrom, withoutBlanks } from '#controllers/admin/query_filters'
import { fieldErrors } from '#controllers/admin/form_errors'

type FormName = 'adjust' | 'transfer'

/** Admin › Inventory › a variant: stock per location, adjust and transfer forms, and the ledger. */
export default class VariantStockController {
  async show(ctx: HttpContext) {
    await ctx.bouncer.with(InventoryPolicy).authorize('read')
    return renderVariantPage(ctx, Number(ctx.params.id))
  }

  @inject()
  async adjust(ctx: HttpContext, adjustStock: AdjustStockByStaff) {
    await ctx.bouncer.with(InventoryPolicy).authorize('write')
    return this.#change(ctx, 'adjust', async (variantId, input) => {
      const result = await adjustStock.handle(variantId, await adjustmentValidator.validate(input), staffActor(ctx))
      return `Stock at ${result.location.name}: ${result.before} → ${result.after}`
    })
  }

  @inject()
  async transfer(ctx: HttpContext, transferStock: TransferStock) {
    await ctx.bouncer.with(InventoryPolicy).authorize('write')
    return this.#change(ctx, 'transfer', async (variantId, input) => {
      const result = await transferStock.handle(variantId, await transferValidator.validate(input), staffActor(ctx))
      return `Moved ${result.quantity} from ${result.from.name} to ${result.to.name}`
    })
  }

  /** Runs a change; a refusal re-renders the page with the message beside its field and the typed values. */
  async #change(ctx: HttpContext, form: FormName, run: (variantId: number, input: Record<string, unknown>) => Promise<string>) {
    const variantId = Number(ctx.params.id)
    if (!(await variantStock(variantId))) return ctx.response.notFound('No such variant')
    const input = withoutBlanks(ctx.request.only(['locationId', 'reason', 'quantity', 'note', 'fromLocationId', 'toLocationId']))
    try {
      ctx.session.flash('notice', await run(variantId, input))
    } catch (caught) {
      const errors = refusal(caught)
      if (!errors) throw caught
      return renderVariantPage(ctx, variantId, { [form]: errors }, 422, input)
    }
    return ctx.response.redirect().status(303).toPath(`/admin/inventory/variants/${variantId}`)
  }
}

/** The message per field of a validation error or a refused change; null for anything else. */
function refusal(caught: unknown): Record<string, string> | null {
  if (caught instanceof StockChangeRefused) return { [caught.field]: caught.message }
  if (caught instanceof vineErrors.E_VALIDATION_ERROR) return fieldErrors(caught)
  if ((caught as { code?: string })?.code === 'E_STOCK_BELOW_RESERVED') {
    return { quantity: 'Stock changed meanwhile: this would leave less than is reserved. Check the levels and try again.' }
  }
  return null
}

async function renderVariantPage(
  ctx: HttpContext,
  variantId: number,
  errors: Partial<Record<FormName, Record<string, string>>> = {},
  status = 200,
  old: Record<string, unknown> = {}
) {
  const stock = await variantStock(variantId)
  if (!stock) return ctx.response.notFound('No such variant')
  const { filters } = await filtersFrom(ctx.request, historyFiltersValidator)
  const history = await stockHistory(variantId, filters.before)
  // read-only staff see the page without its forms, and a note saying whom to ask
  const access = await editAccess(ctx.bouncer, InventoryPolicy, 'write')
  ctx.response.status(status)
  return ctx.view.render('inventory::admin/variant', {
    ...stock,
    history,
    canWrite: access.canEdit,
    access,
    reasons: STAFF_ADJUSTMENT_REASONS,
    activeLevels: stock.levels.filter((level) => level.isActive),
    errors,
    old,
  })
}
