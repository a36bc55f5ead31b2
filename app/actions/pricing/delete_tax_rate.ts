import TaxRate from '#models/tax_rate'
import type { Actor } from '#services/actor'
import { auditedDelete } from '#pricing/audited_settings'
import { taxRateSnapshot } from '#pricing/settings_snapshots'

/** Deletes a tax rate, audited; carts to its destination are taxed by the country rate, or not at all. */
export default class DeleteTaxRate {
  async handle(id: number, actor: Actor) {
    return auditedDelete(TaxRate, id, { actor, subjectType: 'tax_rate', snapshot: taxRateSnapshot })
  }
}
