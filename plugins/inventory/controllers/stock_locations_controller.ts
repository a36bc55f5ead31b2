import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import vine from '#validators/vine'
import { staffActor } from '#services/actor'
import { locationValidator } from '../validators/admin.js'
import { adminLocations } from '../queries/admin_levels_query.js'
import CreateStockLocation from '../actions/create_stock_location.js'
import RenameStockLocation from '../actions/rename_stock_location.js'
import SetStockLocationActive from '../actions/set_stock_location_active.js'
import { StockChangeRefused } from '../stock/stock_locks.js'
import InventoryPolicy from '#policies/inventory_policy'
import { editAccess } from '#policies/edit_access'

const LOCATIONS_PATH = '/admin/inventory/locations'

const renameValidator = vine.compile(vine.object({ name: vine.string().trim().minLength(1).maxLength(120) }))
const activeValidator = vine.compile(vine.object({ active: vine.boolean() }))

/** Admin › Inventory › Locations: add, rename, deactivate and reactivate the places stock is kept. */
export default class StockLocationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(InventoryPolicy).authorize('read')
    return render(ctx)
  }

  @inject()
  async store(ctx: HttpContext, createLocation: CreateStockLocation) {
    await ctx.bouncer.with(InventoryPolicy).authorize('write')
    return attempt(ctx, async () => {
      const input = await locationValidator.validate(ctx.request.only(['name', 'code']))
      await createLocation.handle({ name: input.name, code: input.code || undefined }, staffActor(ctx))
      return `Location ${input.name} added`
    })
  }

  @inject()
  async update(ctx: HttpContext, renameLocation: RenameStockLocation) {
    await ctx.bouncer.with(InventoryPolicy).authorize('write')
    return attempt(ctx, async () => {
      const { name } = await renameValidator.validate(ctx.request.only(['name']))
      if (!(await renameLocation.handle(Number(ctx.params.id), name, staffActor(ctx)))) return null
      return `Location renamed to ${name}`
    })
  }

  @inject()
  async setActive(ctx: HttpContext, setLocationActive: SetStockLocationActive) {
    await ctx.bouncer.with(InventoryPolicy).authorize('write')
    return attempt(ctx, async () => {
      const { active } = await activeValidator.validate(ctx.request.only(['active']))
      if (!(await setLocationActive.handle(Number(ctx.params.id), active, staffActor(ctx)))) return null
      return active ? 'Location reactivated' : 'Location deactivated'
    })
  }
}

/** Runs a change, then back to the list (303); a refusal re-renders it with the message (422); null is a 404. */
async function attempt(ctx: HttpContext, run: () => Promise<string | null>) {
  try {
    const notice = await run()
    if (notice === null) return ctx.response.notFound('No such location')
    ctx.session.flash('notice', notice)
    return ctx.response.redirect().status(303).toPath(LOCATIONS_PATH)
  } catch (caught) {
    if (caught instanceof StockChangeRefused) return render(ctx, caught.message, 422)
    if (caught instanceof vineErrors.E_VALIDATION_ERROR) {
      return render(ctx, (caught.messages as Array<{ message: string }>).map((message) => message.message).join(' '), 422)
    }
    throw caught
  }
}

async function render(ctx: HttpContext, error: string | null = null, status = 200) {
  // read-only staff see the page without its forms, and a note saying whom to ask
  const access = await editAccess(ctx.bouncer, InventoryPolicy, 'write')
  ctx.response.status(status)
  return ctx.view.render('inventory::admin/locations', {
    locations: await adminLocations(),
    canWrite: access.canEdit,
    access,
    error,
    old: status === 200 ? {} : ctx.request.only(['name', 'code']),
  })
}
