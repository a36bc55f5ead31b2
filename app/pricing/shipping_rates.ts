import type ShippingMethod from '#models/shipping_method'
import type ShippingZone from '#models/shipping_zone'

/** The zone listing the country, else the "everywhere" zone (lowest id wins a tie). */
export function zoneFor<T extends Pick<ShippingZone, 'id' | 'countries'>>(zones: T[], countryCode: string): T | null {
  const country = countryCode.toUpperCase()
  const sorted = [...zones].sort((a, b) => a.id - b.id)
  return sorted.find((zone) => zone.countries.includes(country)) ?? sorted.find((zone) => zone.countries.includes('*')) ?? null
}

/**
 * What a method charges for a parcel, or null when it cannot take it (heavier
 * than its last weight tier). `merchandise` is the discounted subtotal the
 * free-over threshold compares with.
 */
export function shippingPrice(
  method: Pick<ShippingMethod, 'kind' | 'amount' | 'weightTiers' | 'perKgAmount' | 'freeOverAmount'>,
  parcel: { weightGrams: number; merchandise: number }
): number | null {
  if (method.freeOverAmount !== null && parcel.merchandise >= method.freeOverAmount) return 0
  if (method.kind !== 'weight') return method.amount
  const tiers = [...(method.weightTiers ?? [])].sort((a, b) => a.upToGrams - b.upToGrams)
  if (tiers.length) {
    const tier = tiers.find((candidate) => parcel.weightGrams <= candidate.upToGrams)
    return tier ? tier.amount : null
  }
  // Per started kilogram on top of the base amount.
  return method.amount + Math.ceil(parcel.weightGrams / 1000) * (method.perKgAmount ?? 0)
}
