import TaxRate from '#models/tax_rate'
import type { Actor } from '#services/actor'
import type { TaxRateInput } from '#validators/pricing_settings'
import { auditedDelete, auditedSave } from '#actions/pricing/audited_save'
import { PricingSettingsError, toBasisPoints } from '#actions/pricing/pricing_settings_errors'

const snapshot = (rate: TaxRate) => ({
  countryCode: rate.countryCode,
  region: rate.region,
  name: rate.name,
  rate: rate.rate,
  pricesIncludeTax: rate.pricesIncludeTax,
  shippingTaxable: rate.shippingTaxable,
})

/** Creates or updates a tax rate, audited; one rate per country and region (blank region: the whole country). */
export async function saveTaxRate(id: number | null, input: TaxRateInput, actor: Actor) {
  const region = input.region ?? ''
  return auditedSave(
    TaxRate,
    id,
    {
      countryCode: input.countryCode,
      region,
      name: input.name,
      rate: toBasisPoints(input.rate),
      pricesIncludeTax: Boolean(input.pricesIncludeTax),
      shippingTaxable: Boolean(input.shippingTaxable),
    },
    {
      actor,
      subjectType: 'tax_rate',
      snapshot,
      check: async (trx, existing) => {
        const clash = trx.from('tax_rates').where({ country_code: input.countryCode, region })
        if (existing) clash.whereNot('id', existing.id)
        if (await clash.first()) {
          throw new PricingSettingsError({ region: `${input.countryCode}${region ? ` / ${region}` : ''} already has a rate.` })
        }
      },
    }
  )
}

export async function deleteTaxRate(id: number, actor: Actor) {
  return auditedDelete(TaxRate, id, { actor, subjectType: 'tax_rate', snapshot })
}
