import ShippingZone from '#models/shipping_zone'
import type { Actor } from '#services/actor'
import type { ShippingZoneInput } from '#validators/pricing_settings'
import { auditedSave } from '#pricing/audited_settings'
import { PricingSettingsError, parseCountries } from '#pricing/pricing_settings'
import { zoneSnapshot } from '#pricing/settings_snapshots'

/**
 * Creates or updates a shipping zone, audited. A country may belong to one
 * zone only, and only one zone may be "everywhere else" (*).
 */
export default class SaveShippingZone {
  async handle(id: number | null, input: ShippingZoneInput, actor: Actor) {
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
}
