import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Cart from '#models/cart'
import CartLine from '#models/cart_line'
import app from '@adonisjs/core/services/app'
import MergeGuestCart from '#actions/cart/merge_guest_cart'
import { CART_COOKIE, newCartToken } from '#services/cart_session'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'

/** A request context whose guest-cart cookie names `token` (as the encrypted cookie would). */
async function contextWithCartCookie(token: string | null) {
  const ctx = await testUtils.createHttpContext()
  ctx.request.encryptedCookie = ((name: string) => (name === CART_COOKIE ? token : undefined)) as any
  return ctx
}

async function mergeGuestCart(...args: Parameters<MergeGuestCart['handle']>) {
  return (await app.container.make(MergeGuestCart)).handle(...args)
}

async function cartWith(lines: Array<[number, number]>, customerId: number | null = null) {
  const cart = await Cart.create({ token: newCartToken(), customerId, discountCode: customerId ? null : 'GUESTCODE' })
  for (const [variantId, quantity] of lines) await CartLine.create({ cartId: cart.id, variantId, quantity, unitPriceAtAdd: 100 })
  return cart
}

test.group('Cart | mergeGuestCart', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('adds the guest lines to the customer cart, then deletes the guest cart and its cookie', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).create()
    const [a, b] = product.variants
    const customer = await CustomerFactory.create()
    const own = await cartWith([[a.id, 3]], customer.id)
    const guest = await cartWith([[a.id, 2], [b.id, 1]])
    const ctx = await contextWithCartCookie(guest.token)

    const merged = await mergeGuestCart(ctx, customer)
    assert.equal(merged?.id, own.id)
    assert.deepEqual(merged!.lines.map((line) => [line.variantId, line.quantity]), [[a.id, 5], [b.id, 1]])
    assert.equal(merged!.discountCode, 'GUESTCODE')
    assert.isNull(await Cart.find(guest.id))
    assert.match(String(ctx.response.getHeader('set-cookie')), new RegExp(`${CART_COOKIE}=;`))
  })

  test('with no cart of their own the customer takes the guest cart over; a customer cart is never taken as a guest cart', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const customer = await CustomerFactory.create()
    const guest = await cartWith([[product.variants[0].id, 1]])
    const merged = await mergeGuestCart(await contextWithCartCookie(guest.token), customer)
    assert.equal(merged?.id, guest.id)
    assert.equal(merged?.customerId, customer.id)

    // Someone else holding that (now customer-owned) token gets nothing merged into their account.
    const other = await CustomerFactory.create()
    assert.isNull(await mergeGuestCart(await contextWithCartCookie(guest.token), other))
    assert.equal((await Cart.findOrFail(guest.id)).customerId, customer.id)
  })
})
