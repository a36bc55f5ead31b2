import db from '@adonisjs/lucid/services/db'
import ShippingZone from '#models/shipping_zone'
import ShippingMethod from '#models/shipping_method'
import TaxRate from '#models/tax_rate'

export interface SeedSellingDefaultsResult {
  shippingZones: number
  shippingMethods: number
  taxRates: number
}

/**
 * Demo store defaults so a fresh store can sell at once: one shipping zone
 * for every country (standard shipping, free over $50, and express) and two
 * example tax rates (California sales tax on top of prices, German VAT
 * included in them). Each part is skipped when the store already has any
 * zone, or any rate: safe to run on every start.
 */
export default class SeedSellingDefaults {
  async handle(): Promise<SeedSellingDefaultsResult> {
    return db.transaction(async (trx) => {
      const result = { shippingZones: 0, shippingMethods: 0, taxRates: 0 }
      if (!(await trx.from('shipping_zones').first())) {
        const zone = await ShippingZone.create({ name: 'Everywhere', countries: ['*'] }, { client: trx })
        await ShippingMethod.createMany(
          [
            {
              zoneId: zone.id,
              name: 'Standard',
              kind: 'free_over',
              amount: 500,
              freeOverAmount: 5000,
              description: '3–5 business days; free over $50',
              position: 1,
              active: true,
            },
            { zoneId: zone.id, name: 'Express', kind: 'flat', amount: 1500, description: '1–2 business days', position: 2, active: true },
          ],
          { client: trx }
        )
        result.shippingZones = 1
        result.shippingMethods = 2
      }
      if (!(await trx.from('tax_rates').first())) {
        await TaxRate.createMany(
          [
            { countryCode: 'US', region: 'CA', name: 'CA sales tax', rate: 725, pricesIncludeTax: false, shippingTaxable: false },
            { countryCode: 'DE', region: '', name: 'VAT', rate: 1900, pricesIncludeTax: true, shippingTaxable: true },
          ],
          { client: trx }
        )
        result.taxRates = 2
      }
      return result
    })
  }
}
