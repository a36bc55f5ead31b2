import ShippingZone from '#models/shipping_zone'
import ShippingMethod from '#models/shipping_method'
import type { Actor } from '#services/actor'
import type { ShippingMethodInput, ShippingZoneInput } from '#validators/pricing_settings'
import { auditedDelete, auditedSave } from '#actions/pricing/audited_save'
import { PricingSettingsError, toMinorUnits } from '#actions/pricing/pricing_settings_errors'

const zoneSnapshot = (zone: ShippingZone) => ({ name: zone.name, countries: zone.countries })
const methodSnapshot = (method: ShippingMethod) => ({
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

/** "us, CA ca;MX" → ["US", "CA", "MX"]; "*" means every country no other zone lists. */
export function parseCountries(text: string) {
  const codes = [...new Set(text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))]
  const invalid = codes.filter((code) => code !== '*' && !/^[A-Z]{2}$/.test(code))
  return { codes, invalid }
}

/**
 * Creates or updates a shipping zone, audited. A country may belong to one
 * zone only, and only one zone may be "everywhere else" (*).
 */
export async function saveShippingZone(id: number | null, input: ShippingZoneInput, actor: Actor) {
  const { codes, invalid } = parseCountries(input.countries)
  if (invalid.length) throw new PricingSettingsError({ countries: `Not two-letter country codes: ${invalid.join(', ')}.` })
  if (!codes.length) throw new PricingSettingsError({ countries: 'List at least one country code, or * for everywhere.' })
  return auditedSave(ShippingZone, id, { name: input.name, countries: codes }, {
    actor,
    subjectType: 'shipping_zone',
    snapshot: zoneSnapshot,
    check: async (trx, existing) => {
      const others = await ShippingZone.query({ client: trx }).if(existing, (query) => query.whereNot('id', existing!.id))
      const taken = codes.filter((code) => others.some((zone) => zone.countries.includes(code)))
      if (taken.length) {
        throw new PricingSettingsError({
          countries: taken.includes('*') ? 'Another zone already covers everywhere else (*).' : `Already in another zone: ${taken.join(', ')}.`,
        })
      }
    },
  })
}

/** Deletes a zone and its methods (carts that had chosen one fall back to the cheapest). */
export async function deleteShippingZone(id: number, actor: Actor) {
  return auditedDelete(ShippingZone, id, { actor, subjectType: 'shipping_zone', snapshot: zoneSnapshot })
}

/**
 * Creates or updates a method of a zone, audited. Weight tiers are kept in
 * ascending order; a weight method needs tiers or a per-kg rate, a
 * free-over method its threshold.
 */
export async function saveShippingMethod(zoneId: number, id: number | null, input: ShippingMethodInput, actor: Actor) {
  const tiers = (input.tiers ?? [])
    .filter((tier) => tier.upToGrams != null && tier.amount != null)
    .map((tier) => ({ upToGrams: tier.upToGrams!, amount: toMinorUnits(tier.amount)! }))
    .sort((a, b) => a.upToGrams - b.upToGrams)
  const errors: Record<string, string> = {}
  if (input.kind === 'weight' && !tiers.length && input.perKgAmount == null) {
    errors.tiers = 'A weight-based method needs weight tiers or a price per kg.'
  }
  if (input.kind === 'free_over' && input.freeOverAmount == null) errors.freeOverAmount = 'Enter the subtotal above which shipping is free.'
  if (Object.keys(errors).length) throw new PricingSettingsError(errors)

  return auditedSave(
    ShippingMethod,
    id,
    {
      zoneId,
      name: input.name,
      kind: input.kind,
      amount: toMinorUnits(input.amount) ?? 0,
      weightTiers: input.kind === 'weight' && tiers.length ? tiers : null,
      perKgAmount: input.kind === 'weight' ? toMinorUnits(input.perKgAmount) : null,
      freeOverAmount: toMinorUnits(input.freeOverAmount),
      description: input.description || null,
      position: input.position ?? 1,
      active: Boolean(input.active),
    },
    {
      actor,
      subjectType: 'shipping_method',
      snapshot: methodSnapshot,
      check: async (_trx, existing) => {
        if (existing && existing.zoneId !== zoneId) throw new PricingSettingsError({ name: 'That method belongs to another zone.' })
      },
    }
  )
}

export async function deleteShippingMethod(id: number, actor: Actor) {
  return auditedDelete(ShippingMethod, id, { actor, subjectType: 'shipping_method', snapshot: methodSnapshot })
}
