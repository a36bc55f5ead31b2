import { test } from '@japa/runner'
import { browserSessions, htmxReady } from '#tests/helpers/browser'
import { sizeColorProduct } from '#tests/helpers/variant_product'
import { stockedVariants } from '#tests/helpers/checkout'

test.group('Storefront | product page variant picker', (group) => {
  const session = browserSessions(group)

  test('picking options updates price, compare-at, stock, picture and URL; the chosen variant goes to the cart', async ({ assert }) => {
    const { product, smallRed, smallBlue, mediumRed, images } = await sizeColorProduct()
    const { page, consoleErrors, cspViolations } = session()
    const price = page.locator('.product-price > span').first()
    const compareAt = page.locator('.product-price .price-compare')
    const stock = page.locator('.product-stock > span').first()
    const mainImage = page.locator('.product-media img')
    const submit = page.locator('.add-to-cart button[type=submit]')
    const options = ['Size', 'Color']
    const value = (option: string, name: string) =>
      page.locator(`label:has(> input[name="variant-option-${options.indexOf(option)}"][value="${name}"])`)

    await page.goto(`/products/${product.handle}`)
    await page.locator('.variant-picker').waitFor()
    // Alpine comes when the shopper reaches for the product, not with the page
    await htmxReady(page)
    assert.isFalse(await page.evaluate(() => 'Alpine' in globalThis))
    // the no-JS pieces give way to the picker
    assert.isFalse(await page.locator('.variant-prices').isVisible())
    assert.isFalse(await page.locator('#add-to-cart-variant').isVisible())
    assert.equal(await price.innerText(), '$20.00')
    assert.isFalse(await compareAt.isVisible())
    assert.equal(await stock.innerText(), 'In stock')
    assert.equal(await mainImage.getAttribute('data-image-id'), String(images.red.id))
    // with S/Red picked, M/Red is sold out and marked so (by the server: no Alpine yet)
    assert.equal(await value('Size', 'M').getAttribute('data-state'), 'sold_out')
    assert.include(await value('Size', 'M').textContent(), '(sold out)')
    await page.locator('.variant-picker').hover()
    await page.waitForFunction(() => 'Alpine' in globalThis)

    await value('Color', 'Blue').click()
    await page.locator('.product-price > span', { hasText: '$22.00' }).waitFor({ timeout: 3000 })
    assert.equal((await compareAt.textContent())!.replace(/\s+/g, ' ').trim(), 'Was $30.00')
    assert.equal(await stock.innerText(), 'Only 2 left')
    assert.include(await page.locator('.product-sku').innerText(), smallBlue.sku!)
    assert.equal(await mainImage.getAttribute('data-image-id'), String(images.blue.id))
    assert.include((await mainImage.getAttribute('src'))!, images.blue.storageKey!.split('/').at(-1)!)
    assert.equal(new URL(page.url()).searchParams.get('variant'), String(smallBlue.id))
    assert.equal(await page.locator('#add-to-cart-variant').inputValue(), String(smallBlue.id))
    // M does not come in Blue
    await page.locator('label[data-state="missing"]:has(> input[name="variant-option-0"][value="M"])').waitFor()

    // keyboard: arrows move within the Size group; M/Blue does not exist, so M/Red (sold out) is shown
    await page.locator('input[name="variant-option-0"][value="S"]').focus()
    await page.keyboard.press('ArrowRight')
    await page.locator('.product-stock > span', { hasText: 'Sold out' }).waitFor({ timeout: 3000 })
    assert.equal(await price.innerText(), '$24.00')
    assert.isTrue(await submit.isDisabled())
    assert.equal(await submit.innerText(), 'Sold out')
    assert.isTrue(await page.locator('input[name="variant-option-1"][value="Red"]').isChecked())
    assert.equal(new URL(page.url()).searchParams.get('variant'), String(mediumRed.id))

    await value('Size', 'S').click()
    await page.locator('.product-stock > span', { hasText: 'In stock' }).waitFor({ timeout: 3000 })
    assert.equal(await price.innerText(), '$20.00')
    assert.isFalse(await submit.isDisabled())
    await value('Color', 'Blue').click()
    await page.locator('.product-price > span', { hasText: '$22.00' }).waitFor({ timeout: 3000 })
    await submit.click()
    await page.locator('#add-to-cart-status', { hasText: product.title }).waitFor({ timeout: 5000 })

    await page.goto('/cart')
    const cart = await page.locator('#cart').innerText()
    assert.include(cart, 'S / Blue')
    assert.notInclude(cart, 'S / Red')
    assert.isTrue(await page.locator(`#quantity-${smallBlue.id}`).isVisible())
    assert.equal(await page.locator(`#quantity-${smallRed.id}`).count(), 0)
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('a shared ?variant= URL opens on that variant', async ({ assert }) => {
    const { product, smallBlue, images } = await sizeColorProduct()
    const { page, consoleErrors, cspViolations } = session()
    await page.goto(`/products/${product.handle}?variant=${smallBlue.id}`)
    await page.locator('label[data-state="missing"]:has(> input[name="variant-option-0"][value="M"])').waitFor()
    assert.isTrue(await page.locator('input[name="variant-option-1"][value="Blue"]').isChecked())
    assert.equal(await page.locator('.product-price > span').first().innerText(), '$22.00')
    assert.equal(await page.locator('.product-media img').getAttribute('data-image-id'), String(images.blue.id))
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('a sold-out ?variant= cannot be added, even before Alpine arrives', async ({ assert }) => {
    const { product, mediumRed } = await sizeColorProduct()
    const { page, consoleErrors, cspViolations } = session()
    await page.goto(`/products/${product.handle}?variant=${mediumRed.id}`)
    await htmxReady(page)
    const submit = page.locator('.add-to-cart button[type=submit]')
    await page.locator('.add-to-cart button[type=submit]:disabled').waitFor({ timeout: 3000 })
    assert.equal(await submit.innerText(), 'Sold out')
    assert.equal(await page.locator('.product-stock > span').first().innerText(), 'Sold out')
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('variants without named options: the picker keeps the variant the URL names', async ({ assert }) => {
    const { product, variants } = await stockedVariants([
      { price: 2000, stock: 5, title: 'Small' },
      { price: 3000, stock: 5, title: 'Large' },
    ])
    product.merge({ status: 'active' })
    await product.save()
    const large = variants[1]
    const { page, consoleErrors } = session()

    await page.goto(`/products/${product.handle}?variant=${large.id}`)
    assert.equal(await page.locator('select[name="variantId"]').inputValue(), String(large.id))
    // the shopper reaches for the product: Alpine starts the picker
    await page.locator('.add-to-cart button[type=submit]').hover()
    await page.waitForFunction(() => Boolean((globalThis as any).document.querySelector('[x-data="variantPicker"]')?._x_dataStack))
    await page.waitForTimeout(200)
    assert.equal(new URL(page.url()).searchParams.get('variant'), String(large.id), 'the URL still names Large')
    assert.equal(await page.locator('select[name="variantId"]').inputValue(), String(large.id), 'the form still adds Large')
    assert.deepEqual(consoleErrors, [])
  })
})
