import type { PricingStep } from '#plugin_host/extension_points/pricing'
import { allocateProportionally, basisPointsOf } from '#pricing/arithmetic'
import { customerKeyOf, discountRefusal, findDiscountByCode } from '#pricing/discount_rules'
import { pricingClient } from '#pricing/client'

/**
 * Step 2: the discount code. Percentage and fixed amounts come off the
 * merchandise subtotal and are spread over the lines in proportion to their
 * subtotals (shares add up exactly); free shipping is applied by the
 * shipping step.
 */
export const discountStep: PricingStep = {
  name: 'discounts',
  async apply(state, input) {
    const code = input.discountCode?.trim()
    if (!code) return
    const client = pricingClient(input)
    const discount = await findDiscountByCode(code, client)
    if (!discount) {
      state.messages.push({ kind: 'discount_invalid', text: `The code ${code.toUpperCase()} is not valid.` })
      return
    }
    const refusal = await discountRefusal(discount, {
      subtotal: state.subtotal,
      currency: state.currency,
      customerKey: customerKeyOf(input.email, input.customerId),
      client,
    })
    if (refusal) {
      state.messages.push(refusal)
      return
    }

    // Added to what a plugin step placed before this one took off, and
    // computed on what is left, so the two never discount the same cents twice.
    const remaining = state.subtotal - state.discountTotal
    let amount = 0
    if (discount.kind === 'percentage') amount = basisPointsOf(remaining, discount.value)
    if (discount.kind === 'fixed_amount') amount = Math.min(discount.value, remaining)
    const shares = allocateProportionally(amount, state.lines.map((line) => line.subtotal - line.discountAmount))
    state.lines.forEach((line, index) => {
      line.discountAmount += shares[index]
      line.total = line.subtotal - line.discountAmount
    })
    state.discountTotal += amount
    state.discount = { id: discount.id, code: discount.code, kind: discount.kind, amount }
  },
}
