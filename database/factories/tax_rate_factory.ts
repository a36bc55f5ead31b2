import factory from '@adonisjs/lucid/factories'
import TaxRate from '#models/tax_rate'
import { testCountryCode } from '#database/factories/shipping_factory'

/** 20 % added on top, for a test-only country; merge the fields a test needs. */
export const TaxRateFactory = factory
  .define(TaxRate, () => ({
    countryCode: testCountryCode(),
    region: '',
    name: 'Test tax',
    rate: 2000,
    pricesIncludeTax: false,
    shippingTaxable: false,
  }))
  .build()
