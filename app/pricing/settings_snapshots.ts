import type Discount from '#models/discount'
import type ShippingMethod from '#models/shipping_method'
import type ShippingZone from '#models/shipping_zone'
import type TaxRate from '#models/tax_rate'

/** What the audit log records of each pricing setting; saving and deleting diff the same fields. */
export function discountSnapshot(discount: Discount) {
  return {
    code: discount.code,
    kind: discount.kind,
    value: discount.value,
    currency: discount.currency,
    minimumSubtotal: discount.minimumSubtotal,
    startsAt: discount.startsAt?.toISO() ?? null,
    endsAt: discount.endsAt?.toISO() ?? null,
    usageLimit: discount.usageLimit,
    perCustomerLimit: discount.perCustomerLimit,
    active: discount.active,
  }
}

export const zoneSnapshot = (zone: ShippingZone) => ({ name: zone.name, countries: zone.countries })

export const methodSnapshot = (method: ShippingMethod) => ({
  zoneId: method.zoneId,
  name: method.name,
  kind: method.kind,
  amount: method.amount,
  weightTiers: method.weightTiers,
  perKgAmount: method.perKgAmount,
  freeOverAmount: method.freeOverAmount,
  description: method.description,
  position: method.position,
  active: method.active,
})

export const taxRateSnapshot = (rate: TaxRate) => ({
  countryCode: rate.countryCode,
  region: rate.region,
  name: rate.name,
  rate: rate.rate,
  pricesIncludeTax: rate.pricesIncludeTax,
  shippingTaxable: rate.shippingTaxable,
})
