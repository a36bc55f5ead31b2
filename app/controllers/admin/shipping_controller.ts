import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import ShippingZone from '#models/shipping_zone'
import ShippingMethod, { SHIPPING_METHOD_KINDS } from '#models/shipping_method'
import SettingsPolicy from '#policies/settings_policy'
import SaveShippingZone from '#actions/pricing/save_shipping_zone'
import DeleteShippingZone from '#actions/pricing/delete_shipping_zone'
import SaveShippingMethod from '#actions/pricing/save_shipping_method'
import DeleteShippingMethod from '#actions/pricing/delete_shipping_method'
import { toMajorUnits } from '#pricing/pricing_settings'
import { shippingMethodValidator, shippingZoneValidator } from '#validators/pricing_settings'
import { deleteSetting, submitSettingsForm } from '#controllers/admin/pricing_settings_form'

const LIST_PATH = '/admin/shipping'
/** Rows of the weight-tier editor: the saved tiers plus blank ones to add more. */
const TIER_ROWS = 5

/** Admin › Shipping: zones (countries) and the methods offered in each. */
export default class ShippingController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const zones = await ShippingZone.query().orderBy('name').preload('methods')
    return ctx.view.render('pages/admin/shipping/index', { zones })
  }

  async createZone(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    return ctx.view.render('pages/admin/shipping/zone_form', { zone: null, form: {}, errors: {} })
  }

  async editZone(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const zone = await ShippingZone.findOrFail(ctx.params.id)
    return ctx.view.render('pages/admin/shipping/zone_form', { zone, form: { name: zone.name, countries: zone.countries.join(', ') }, errors: {} })
  }

  async storeZone(ctx: HttpContext) {
    return this.#saveZone(ctx, null)
  }

  async updateZone(ctx: HttpContext) {
    return this.#saveZone(ctx, await ShippingZone.findOrFail(ctx.params.id))
  }

  async destroyZone(ctx: HttpContext) {
    return deleteSetting(ctx, LIST_PATH, async (actor) => `Zone ${(await (await app.container.make(DeleteShippingZone)).handle(Number(ctx.params.id), actor)).name} deleted.`)
  }

  async createMethod(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const zone = await ShippingZone.findOrFail(ctx.params.zoneId)
    return renderMethodForm(ctx, zone, null, { kind: 'flat', active: '1', position: '1' }, {})
  }

  async editMethod(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const method = await ShippingMethod.query().where('id', ctx.params.id).where('zone_id', ctx.params.zoneId).preload('zone').firstOrFail()
    return renderMethodForm(ctx, method.zone, method, methodForm(method), {})
  }

  async storeMethod(ctx: HttpContext) {
    return this.#saveMethod(ctx, await ShippingZone.findOrFail(ctx.params.zoneId), null)
  }

  async updateMethod(ctx: HttpContext) {
    const method = await ShippingMethod.query().where('id', ctx.params.id).where('zone_id', ctx.params.zoneId).preload('zone').firstOrFail()
    return this.#saveMethod(ctx, method.zone, method)
  }

  async destroyMethod(ctx: HttpContext) {
    await ShippingMethod.query().where('id', ctx.params.id).where('zone_id', ctx.params.zoneId).firstOrFail()
    return deleteSetting(ctx, LIST_PATH, async (actor) => `Method ${(await (await app.container.make(DeleteShippingMethod)).handle(Number(ctx.params.id), actor)).name} deleted.`)
  }

  #saveZone(ctx: HttpContext, zone: ShippingZone | null) {
    return submitSettingsForm(
      ctx,
      shippingZoneValidator,
      async (input, actor) => {
        const saved = await (await app.container.make(SaveShippingZone)).handle(zone?.id ?? null, input, actor)
        return { notice: `Zone ${saved.name} saved.`, redirectTo: LIST_PATH }
      },
      (body, errors) => ctx.view.render('pages/admin/shipping/zone_form', { zone, form: body, errors })
    )
  }

  #saveMethod(ctx: HttpContext, zone: ShippingZone, method: ShippingMethod | null) {
    return submitSettingsForm(
      ctx,
      shippingMethodValidator,
      async (input, actor) => {
        const saved = await (await app.container.make(SaveShippingMethod)).handle(zone.id, method?.id ?? null, input, actor)
        return { notice: `Method ${saved.name} saved.`, redirectTo: LIST_PATH }
      },
      (body, errors) => renderMethodForm(ctx, zone, method, body, errors)
    )
  }
}

function renderMethodForm(
  ctx: HttpContext,
  zone: ShippingZone,
  method: ShippingMethod | null,
  form: Record<string, any>,
  errors: Record<string, string>
) {
  const tiers: Array<{ upToGrams?: string; amount?: string }> = [...(form.tiers ?? [])]
  while (tiers.length < TIER_ROWS) tiers.push({})
  return ctx.view.render('pages/admin/shipping/method_form', { zone, method, form: { ...form, tiers }, errors, kinds: SHIPPING_METHOD_KINDS })
}

function methodForm(method: ShippingMethod) {
  return {
    name: method.name,
    kind: method.kind,
    amount: toMajorUnits(method.amount),
    perKgAmount: toMajorUnits(method.perKgAmount),
    freeOverAmount: toMajorUnits(method.freeOverAmount),
    description: method.description ?? '',
    position: String(method.position),
    active: method.active ? '1' : '',
    tiers: (method.weightTiers ?? []).map((tier) => ({ upToGrams: String(tier.upToGrams), amount: toMajorUnits(tier.amount) })),
  }
}
