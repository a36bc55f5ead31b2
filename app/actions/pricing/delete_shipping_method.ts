import ShippingMethod from '#models/shipping_method'
import type { Actor } from '#services/actor'
import { auditedDelete } from '#pricing/audited_settings'
import { methodSnapshot } from '#pricing/settings_snapshots'

/** Deletes one shipping method, audited; carts that had chosen it fall back to the cheapest. */
export default class DeleteShippingMethod {
  async handle(id: number, actor: Actor) {
    return auditedDelete(ShippingMethod, id, { actor, subjectType: 'shipping_method', snapshot: methodSnapshot })
  }
}
