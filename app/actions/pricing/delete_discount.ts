import Discount from '#models/discount'
import type { Actor } from '#services/actor'
import { auditedDelete } from '#pricing/audited_settings'
import { PricingSettingsError } from '#pricing/pricing_settings'
import { discountSnapshot } from '#pricing/settings_snapshots'

/** Deletes a code that was never used; a used code is kept for the orders' sake (deactivate it instead). */
export default class DeleteDiscount {
  async handle(id: number, actor: Actor) {
    return auditedDelete(Discount, id, {
      actor,
      subjectType: 'discount',
      snapshot: discountSnapshot,
      check: async (trx) => {
        if (await trx.from('discount_usages').where('discount_id', id).first()) {
          throw new PricingSettingsError({ code: 'This code has been used by orders: deactivate it instead of deleting it.' })
        }
      },
    })
  }
}
