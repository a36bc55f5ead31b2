import { DateTime } from 'luxon'
import { CustomerFactory } from '#database/factories/customer_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import { testCountryCode } from '#database/factories/shipping_factory'
import { cartWith, checkoutToken, flatShipping, stockedVariants, taxRate, testAddress } from '#tests/helpers/checkout'
import { placeOrder } from '#tests/helpers/payment_actions'
import type { OrderAddress } from '#models/order'

/**
 * An unpaid order placed through checkout for a verified customer, in a
 * country of its own: 1 × $20.99 and 3 × $12.50, a 10 % code, $5.99 flat
 * shipping and 8.25 % exclusive tax. Subtotal $58.49, discount $5.85,
 * tax $4.34, total $62.97 (worked out in tests/functional/order_money.spec.ts).
 * `tax` sets another rate (basis points) or tax included in the prices.
 */
export async function orderWithDiscountTaxAndShipping(
  address: Partial<OrderAddress> = {},
  tax: { rate: number; included: boolean } = { rate: 825, included: false }
) {
  const country = testCountryCode()
  const methodId = await flatShipping(country, 599)
  await taxRate(country, tax.rate, { included: tax.included })
  const discount = await DiscountFactory.merge({ value: 1000 }).create()
  const { variants } = await stockedVariants([
    { price: 2099, stock: 5 },
    { price: 1250, stock: 5 },
  ])
  const cart = await cartWith([
    { variantId: variants[0].id, quantity: 1, price: 2099 },
    { variantId: variants[1].id, quantity: 3, price: 1250 },
  ])
  const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.utc() }).create()
  const { order } = await placeOrder({
    cartId: cart.id,
    checkoutToken: checkoutToken(),
    email: customer.email,
    customerId: customer.id,
    shippingAddress: testAddress(country, address),
    shippingMethodId: methodId,
    discountCode: discount.code,
  })
  return { order, customer }
}
