import Discount from '#models/discount'
import type { Actor } from '#services/actor'
import type { DiscountInput } from '#validators/pricing_settings'
import { auditedSave } from '#pricing/audited_settings'
import { PricingSettingsError, toBasisPoints, toMinorUnits } from '#pricing/pricing_settings'
import { normalizeDiscountCode } from '#pricing/discount_rules'
import { discountSnapshot } from '#pricing/settings_snapshots'

import { fromStoreInput } from '#services/store_time'

/**
 * A start or end typed in the form: wall-clock time in the store's zone,
 * stored as UTC; null when blank. A time the clocks skip gets the field's error.
 */
function storeTime(value: string | undefined, field: string, errors: Record<string, string>) {
  if (!value) return null
  const read = fromStoreInput(value)
  if ('instant' in read) return read.instant
  errors[field] =
    'skipped' in read
      ? `${read.label} does not exist in ${read.zone}: the clocks go forward then. Choose a time before or after the change.`
      : 'Enter a date and time, like 2026-12-01 09:00'
  return null
}

/**
 * Creates or updates a discount code from the admin form, audited. Codes
 * are stored upper-case and must be unique ignoring case (the database
 * index decides; this check gives the friendly message). The usage count
 * is never written here: only orders claim and release uses.
 */
export default class SaveDiscount {
  async handle(id: number | null, input: DiscountInput, actor: Actor) {
    const code = normalizeDiscountCode(input.code)
    const errors: Record<string, string> = {}
    const startsAt = storeTime(input.startsAt, 'startsAt', errors)
    const endsAt = storeTime(input.endsAt, 'endsAt', errors)
    if (input.kind === 'percentage' && (!input.value || input.value > 100)) errors.value = 'Enter a percentage between 0.01 and 100.'
    if (input.kind === 'fixed_amount' && !input.value) errors.value = 'Enter the amount taken off.'
    if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = 'The end must come after the start.'
    if (Object.keys(errors).length) throw new PricingSettingsError(errors)

    const value =
      input.kind === 'percentage' ? toBasisPoints(input.value!) : input.kind === 'fixed_amount' ? toMinorUnits(input.value, input.currency)! : 0
    return auditedSave(
      Discount,
      id,
      {
        code,
        kind: input.kind,
        value,
        currency: input.currency,
        minimumSubtotal: toMinorUnits(input.minimumSubtotal, input.currency),
        startsAt,
        endsAt,
        usageLimit: input.usageLimit ?? null,
        perCustomerLimit: input.perCustomerLimit ?? null,
        active: Boolean(input.active),
      },
      {
        actor,
        subjectType: 'discount',
        snapshot: discountSnapshot,
        check: async (trx, existing) => {
          const clash = trx.from('discounts').whereRaw('lower(code) = ?', [code.toLowerCase()])
          if (existing) clash.whereNot('id', existing.id)
          if (await clash.first()) throw new PricingSettingsError({ code: `The code ${code} already exists.` })
          const used = existing?.usageCount ?? 0
          if (input.usageLimit != null && input.usageLimit < used) {
            throw new PricingSettingsError({ usageLimit: `It has been used ${used} times already; the limit cannot be lower.` })
          }
        },
      }
    )
  }
}
