import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import TaxRate from '#models/tax_rate'
import SettingsPolicy from '#policies/settings_policy'
import SaveTaxRate from '#actions/pricing/save_tax_rate'
import DeleteTaxRate from '#actions/pricing/delete_tax_rate'
import { taxRateValidator } from '#validators/pricing_settings'
import { deleteSetting, submitSettingsForm } from '#controllers/admin/pricing_settings_form'

const LIST_PATH = '/admin/tax-rates'

/** Admin › Tax rates: by country and region, inclusive (VAT) or added on top. */
export default class TaxRatesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const rates = await TaxRate.query().orderBy('country_code').orderBy('region')
    return ctx.view.render('pages/admin/tax_rates/index', { rates })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    return renderForm(ctx, null, {}, {})
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const rate = await TaxRate.findOrFail(ctx.params.id)
    return renderForm(ctx, rate, formOf(rate), {})
  }

  async store(ctx: HttpContext) {
    return save(ctx, null)
  }

  async update(ctx: HttpContext) {
    return save(ctx, await TaxRate.findOrFail(ctx.params.id))
  }

  async destroy(ctx: HttpContext) {
    return deleteSetting(ctx, LIST_PATH, async (actor) => {
      const rate = await (await app.container.make(DeleteTaxRate)).handle(Number(ctx.params.id), actor)
      return `Tax rate ${rate.name} deleted.`
    })
  }
}

function save(ctx: HttpContext, rate: TaxRate | null) {
  return submitSettingsForm(
    ctx,
    taxRateValidator,
    async (input, actor) => {
      const saved = await (await app.container.make(SaveTaxRate)).handle(rate?.id ?? null, input, actor)
      return { notice: `Tax rate ${saved.name} saved.`, redirectTo: LIST_PATH }
    },
    (body, errors) => renderForm(ctx, rate, body, errors)
  )
}

function renderForm(ctx: HttpContext, rate: TaxRate | null, form: Record<string, any>, errors: Record<string, string>) {
  return ctx.view.render('pages/admin/tax_rates/form', { rate, form, errors })
}

function formOf(rate: TaxRate) {
  return {
    countryCode: rate.countryCode,
    region: rate.region,
    name: rate.name,
    rate: String(rate.rate / 100),
    pricesIncludeTax: rate.pricesIncludeTax ? '1' : '',
    shippingTaxable: rate.shippingTaxable ? '1' : '',
  }
}
