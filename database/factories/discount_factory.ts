import factory from '@adonisjs/lucid/factories'
import Discount from '#models/discount'
import { uniqueSuffix } from '#database/factories/unique'

/** An active 10 % code without limits; states for the other kinds. */
export const DiscountFactory = factory
  .define(Discount, () => ({
    code: `TEST-${uniqueSuffix().toUpperCase()}`,
    kind: 'percentage' as const,
    value: 1000,
    currency: 'USD',
    minimumSubtotal: null,
    startsAt: null,
    endsAt: null,
    usageLimit: null,
    usageCount: 0,
    perCustomerLimit: null,
    active: true,
  }))
  .state('fixed', (discount) => {
    discount.kind = 'fixed_amount'
    discount.value = 500
  })
  .state('freeShipping', (discount) => {
    discount.kind = 'free_shipping'
    discount.value = 0
  })
  .build()
