import TaxRate from '#models/tax_rate'
import type { Actor } from '#services/actor'
import type { TaxRateInput } from '#validators/pricing_settings'
import { auditedSave } from '#pricing/audited_settings'
import { PricingSettingsError, toBasisPoints } from '#pricing/pricing_settings'
import { taxRateSnapshot } from '#pricing/settings_snapshots'

/** Creates or updates a tax rate, audited; one rate per country and region (blank region: the whole country). */
export default class SaveTaxRate {
  async handle(id: number | null, input: TaxRateInput, actor: Actor) {
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
        snapshot: taxRateSnapshot,
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
}
