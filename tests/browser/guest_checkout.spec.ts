import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { DiscountFactory } from '#database/factories/discount_factory'
import { closeBrowser, fillGuestCheckoutDetails, newSession, type BrowserSession, htmxReady } from '#tests/helpers/browser'
import { flatShipping, stockedVariants, stockLevel } from '#tests/helpers/checkout'
import { settleOutbox } from '#tests/helpers/outbox'

/**
 * Issue #4's done-when, in a real browser: a guest searches, adds two
 * variants, applies a code, checks out with the manual driver, sees the
 * confirmation, and the confirmation email is in the outbox.
 */
test.group('Storefront | guest checkout end to end', (group) => {
  let session: BrowserSession | undefined
  group.each.setup(async () => {
    session = await newSession()
    return () => session?.context.close()
  })
  group.teardown(() => closeBrowser())

  test('search, add two variants, apply a code, pay with the manual driver, see the confirmation and its email', async ({ assert }) => {
    const word = `Zorblax${Date.now().toString(36)}`
    const { product, variants } = await stockedVariants([
      { price: 2000, stock: 5, title: 'Small' },
      { price: 3000, stock: 5, title: 'Large' },
    ])
    product.merge({ title: `${word} Lamp`, status: 'active' })
    await product.save()
    const discount = await DiscountFactory.merge({ value: 1000 }).create() // 10 %
    await flatShipping('NZ', 500)
    const { page, consoleErrors, cspViolations } = session!

    // search: instant suggestions as you type, then the results page
    await page.goto('/')
    await htmxReady(page)
    await page.fill('#store-search-q', word.slice(0, 9))
    await page.locator('#search-suggestions', { hasText: `${word} Lamp` }).waitFor({ timeout: 5000 })
    await page.press('#store-search-q', 'Enter')
    await page.waitForURL(/\/search\?q=/)
    await page.click(`a[href="/products/${product.handle}"]`)
    await page.waitForURL(`**/products/${product.handle}**`)

    // two variants into the cart from the product page (the no-JS select works under the picker too)
    for (const variant of variants) {
      await page.goto(`/products/${product.handle}?variant=${variant.id}`)
      await htmxReady(page)
      await page.click('.add-to-cart button[type=submit]')
      await page.locator('#add-to-cart-status', { hasText: 'Added' }).waitFor({ timeout: 5000 })
    }

    await page.goto('/cart')
    await htmxReady(page)
    assert.include(await page.locator('#cart').innerText(), 'Small')
    assert.include(await page.locator('#cart').innerText(), 'Large')
    await page.fill('#discount-code', discount.code.toLowerCase())
    await page.press('#discount-code', 'Enter')
    await page.locator('#cart', { hasText: `Code ${discount.code} applied` }).waitFor({ timeout: 5000 })

    await page.click('a[href="/checkout"]')
    await page.waitForURL('**/checkout')
    const email = `guest-${Date.now()}@example.com`
    await fillGuestCheckoutDetails(page, email)
    await page.click('text=Continue to shipping')
    await page.waitForURL('**/checkout/shipping')
    await page.click('button:has-text("Continue to review")')
    await page.waitForURL('**/checkout/review')
    // 20 + 30 = 50.00, 10 % off = 45.00, shipping 5.00
    const review = await page.locator('main').innerText()
    assert.include(review, '$50.00')
    assert.include(review, '$5.00')
    // the order is placed by this button, and paid on the next page
    assert.notInclude(review, 'Place order')
    await page.getByRole('button', { name: 'Continue to payment' }).click()
    await page.waitForURL(/\/orders\/[^/]+\/pay/)
    await page.click('button[value=success]')
    await page.waitForURL(/\/orders\/[A-Za-z0-9_-]+$/)
    await page.locator('main', { hasText: 'Thank you' }).waitFor({ timeout: 5000 })

    const order = await Order.query().where('email', email).preload('lines').firstOrFail()
    assert.equal(order.paymentStatus, 'paid')
    assert.equal(order.status, 'open')
    assert.equal(order.subtotal, 5000)
    assert.equal(order.discountTotal, 500)
    assert.equal(order.shippingTotal, 500)
    assert.equal(order.total, 5000)
    assert.equal(order.discountCode, discount.code)
    assert.sameMembers(order.lines.map((line) => line.variantId), variants.map((v) => v.id))
    assert.include(page.url(), order.publicToken)
    // paid: the reservation became a sale
    for (const variant of variants) assert.deepInclude(await stockLevel(variant.id), { onHand: 4, reserved: 0 })

    await settleOutbox()
    const mail = await db.from('notification_messages').where('to_address', email).where('template', 'order_confirmation').first()
    assert.exists(mail, 'the confirmation email is in the outbox')
    assert.include(mail.subject, String(order.number))

    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })
})
