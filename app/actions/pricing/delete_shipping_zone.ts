import ShippingZone from '#models/shipping_zone'
import type { Actor } from '#services/actor'
import { auditedDelete } from '#pricing/audited_settings'
import { zoneSnapshot } from '#pricing/settings_snapshots'

/** Deletes a zone and its methods (carts that had chosen one fall back to the cheapest), audited. */
export default class DeleteShippingZone {
  async handle(id: number, actor: Actor) {
    return auditedDelete(ShippingZone, id, { actor, subjectType: 'shipping_zone', snapshot: zoneSnapshot })
  }
}
