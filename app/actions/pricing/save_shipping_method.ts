import ShippingMethod from '#models/shipping_method'
import type { Actor } from '#services/actor'
import type { ShippingMethodInput } from '#validators/pricing_settings'
import { auditedSave } from '#pricing/audited_settings'
import { PricingSettingsError, toMinorUnits } from '#pricing/pricing_settings'
import { methodSnapshot } from '#pricing/settings_snapshots'

/**
 * Creates or updates a method of a zone, audited. Weight tiers are kept in
 * ascending order; a weight method needs tiers or a per-kg rate, a
 * free-over method its threshold.
 */
export default class SaveShippingMethod {
  async handle(zoneId: number, id: number | null, input: ShippingMethodInput, actor: Actor) {
    const tiers = (input.tiers ?? [])
      .filter((tier) => tier.upToGrams != null && tier.amount != null)
      .map((tier) => ({ upToGrams: tier.upToGrams!, amount: toMinorUnits(tier.amount)! }))
      .sort((a, b) => a.upToGrams - b.upToGrams)
    const errors: Record<string, string> = {}
    if (input.kind === 'weight' && !tiers.length && input.perKgAmount == null) {
      errors.tiers = 'A rate by weight needs weight bands or a price per kg.'
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
}
