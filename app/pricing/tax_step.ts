import TaxRate from '#models/tax_rate'
import type { PricingStep } from '#plugin_host/extension_points/pricing'
import { allocateProportionally, taxOn } from '#pricing/arithmetic'
import { pricingClient } from '#pricing/client'

/**
 * Step 4: tax for the destination. The rate of the region, else of the
 * whole country. Inclusive rates extract the tax contained in the prices
 * (VAT); exclusive ones add it. Tax is computed once on the taxable total
 * (lines, plus shipping where taxed) and spread back so line amounts and
 * shipping tax add up to taxTotal exactly.
 */
export const taxStep: PricingStep = {
  name: 'tax',
  async apply(state, input) {
    const address = input.shippingAddress
    if (!address?.countryCode) return
    const rates = await TaxRate.query({ client: pricingClient(input) }).where('country_code', address.countryCode.toUpperCase())
    const region = address.region?.trim().toLowerCase() ?? ''
    const rate =
      (region && rates.find((candidate) => candidate.region.toLowerCase() === region)) ||
      rates.find((candidate) => candidate.region === '')
    if (!rate) return

    state.taxIncluded = rate.pricesIncludeTax
    state.taxRate = { id: rate.id, name: rate.name, rate: rate.rate }
    const bases = state.lines.map((line) => (line.taxable ? line.subtotal - line.discountAmount : 0))
    if (rate.shippingTaxable) bases.push(state.shippingTotal)
    const totalBase = bases.reduce((sum, base) => sum + base, 0)
    state.taxTotal = taxOn(totalBase, rate.rate, rate.pricesIncludeTax)
    const shares = allocateProportionally(state.taxTotal, bases)
    state.lines.forEach((line, index) => {
      line.taxAmount = shares[index]
      line.total = line.subtotal - line.discountAmount + (rate.pricesIncludeTax ? 0 : line.taxAmount)
    })
    state.shippingTax = rate.shippingTaxable ? shares[shares.length - 1] : 0
  },
}
