import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Discount from '#models/discount'
import { formatMoney } from '#services/money'
import type { PricingMessage } from '#plugin_host/extension_points/pricing'

/** Codes are letters, digits, "-" and "_"; compared without regard to case. */
export const DISCOUNT_CODE_PATTERN = /^[A-Za-z0-9_-]{2,64}$/

export function normalizeDiscountCode(code: string) {
  return code.trim().toUpperCase()
}

/**
 * Who a per-customer limit counts: the lower-cased email (the same person
 * as guest or signed in), else the customer id. Null when neither is known.
 */
export function customerKeyOf(email?: string | null, customerId?: number | null): string | null {
  const normalized = email?.trim().toLowerCase()
  if (normalized) return normalized
  return customerId ? `customer:${customerId}` : null
}

export async function findDiscountByCode(code: string, client: QueryClientContract) {
  const normalized = normalizeDiscountCode(code)
  if (!DISCOUNT_CODE_PATTERN.test(normalized)) return null
  return Discount.query({ client }).whereRaw('lower(code) = ?', [normalized.toLowerCase()]).first()
}

/**
 * Why `discount` cannot apply right now, as a shopper-facing message, or
 * null when it can. Read-only: the limits are enforced again, atomically,
 * when an order claims the code (claimDiscountUsage).
 */
export async function discountRefusal(
  discount: Discount,
  context: { subtotal: number; currency: string; customerKey: string | null; client: QueryClientContract; now?: DateTime }
): Promise<PricingMessage | null> {
  const now = context.now ?? DateTime.now()
  const code = discount.code
  const invalid = (text: string): PricingMessage => ({ kind: 'discount_invalid', text })
  const notApplicable = (text: string): PricingMessage => ({ kind: 'discount_not_applicable', text })

  if (!discount.active) return invalid(`The code ${code} is not valid.`)
  if (discount.startsAt && discount.startsAt > now) return invalid(`The code ${code} is not valid yet.`)
  if (discount.endsAt && discount.endsAt <= now) return invalid(`The code ${code} has expired.`)
  if (discount.usageLimit !== null && discount.usageCount >= discount.usageLimit) {
    return invalid(`The code ${code} has been used up.`)
  }
  if (discount.kind === 'fixed_amount' && discount.currency !== context.currency) {
    return notApplicable(`The code ${code} cannot be used with this cart's currency.`)
  }
  if (discount.minimumSubtotal !== null && context.subtotal < discount.minimumSubtotal) {
    return notApplicable(
      `The code ${code} needs a subtotal of at least ${formatMoney(discount.minimumSubtotal, context.currency)}.`
    )
  }
  if (discount.perCustomerLimit !== null && context.customerKey) {
    const row = await context.client
      .from('discount_customer_usages')
      .where({ discount_id: discount.id, customer_key: context.customerKey })
      .select('usage_count')
      .first()
    if (row && Number(row.usage_count) >= discount.perCustomerLimit) {
      return notApplicable(`You have already used the code ${code} as often as it allows.`)
    }
  }
  return null
}
