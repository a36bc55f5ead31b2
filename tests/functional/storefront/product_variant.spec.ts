import { test } from '@japa/runner'
import { HttpAgent } from '#tests/helpers/http_agent'
import { sizeColorProduct } from '#tests/helpers/variant_product'

/** The price and stock block above the picker. */
function summary(page: string) {
  const start = page.indexOf('<p class="product-price">')
  return page.slice(start, page.indexOf('<div class="variant-picker">', start))
}

function mainImageId(page: string) {
  const media = page.slice(page.indexOf('<div class="product-media">'))
  return Number(/data-image-id="(\d+)"/.exec(media)?.[1])
}

test.group('Storefront | product page ?variant=', () => {
  test('renders the named variant: price, compare-at, stock, SKU, picks, picture and form', async ({ assert }) => {
    const { product, smallBlue, images } = await sizeColorProduct()
    const response = await new HttpAgent().get(`/products/${product.handle}?variant=${smallBlue.id}`)
    assert.equal(response.status, 200)
    const top = summary(response.text)
    assert.include(top, '$22.00')
    assert.include(top, '$30.00')
    assert.include(top, 'Only 2 left')
    assert.include(top, smallBlue.sku!)
    assert.match(response.text, /name="variant-option-0" value="S"\s+checked/)
    assert.match(response.text, /name="variant-option-1" value="Blue"\s+checked/)
    assert.notMatch(response.text, /name="variant-option-1" value="Red"\s+checked/)
    assert.match(response.text, new RegExp(`<option value="${smallBlue.id}"\\s+selected>`))
    // the picker's marks for S/Blue: M/Blue does not exist, Red is there
    assert.match(response.text, /data-state="missing"[^>]*>\s*<input type="radio" name="variant-option-0" value="M"/)
    assert.match(response.text, /data-state="ok"[^>]*>\s*<input type="radio" name="variant-option-1" value="Red"/)
    assert.equal(mainImageId(response.text), images.blue.id)
    // the picker's data for the browser, as data (no executable inline script)
    assert.match(response.text, /<script type="application\/json" x-ref="data">\{"options":\[\{"name":"Size"/)
    // the canonical URL stays the plain one
    assert.include(response.text, `<link rel="canonical" href="http://`)
    assert.notMatch(response.text, /rel="canonical" href="[^"]*variant=/)
  })

  test('without ?variant= shows the first buyable variant; the cache keeps each URL apart', async ({ assert }) => {
    const { product, smallRed, smallBlue, images } = await sizeColorProduct()
    const agent = new HttpAgent()
    for (let round = 0; round < 2; round++) {
      const plain = await agent.get(`/products/${product.handle}`)
      assert.include(summary(plain.text), '$20.00')
      assert.include(summary(plain.text), 'In stock')
      assert.include(summary(plain.text), smallRed.sku!)
      assert.equal(mainImageId(plain.text), images.red.id)
      const blue = await agent.get(`/products/${product.handle}?variant=${smallBlue.id}`)
      assert.include(summary(blue.text), 'Only 2 left')
      assert.equal(mainImageId(blue.text), images.blue.id)
    }
  })

  test('a sold-out variant can be named; the form cannot add it', async ({ assert }) => {
    const { product, mediumRed } = await sizeColorProduct()
    const response = await new HttpAgent().get(`/products/${product.handle}?variant=${mediumRed.id}`)
    assert.include(summary(response.text), '$24.00')
    assert.include(summary(response.text), 'Sold out')
    assert.match(response.text, new RegExp(`<option value="${mediumRed.id}"\\s+disabled\\s*>`))
  })

  test('the form names the options and lists their values only; the SKU is said once; every price is folded', async ({ assert }) => {
    const { product, smallRed, mediumRed } = await sizeColorProduct()
    const page = (await new HttpAgent().get(`/products/${product.handle}`)).text
    assert.match(page, /<label for="add-to-cart-variant">Size \/ Color<\/label>/)
    const select = page.slice(page.indexOf('<select id="add-to-cart-variant"'), page.indexOf('</select>'))
    const choices = [...select.matchAll(/<option[^>]*>\s*([^<]*?)\s*<\/option>/g)].map((match) => match[1])
    assert.deepEqual(choices, ['S / Red', 'S / Blue', 'M / Red — sold out'])
    // the code already starts with "SKU": no "SKU SKU-…"
    assert.match(smallRed.sku!, /^SKU-/)
    assert.include(summary(page), `>${smallRed.sku}</span>`)
    assert.notInclude(page, `SKU ${smallRed.sku}`)
    assert.notInclude(page, `SKU: ${smallRed.sku}`)
    // the table of every price sits in a closed disclosure after the button
    const prices = page.slice(page.indexOf('<details class="product-fact variant-prices">'))
    assert.isAbove(page.indexOf('<details class="product-fact variant-prices">'), page.indexOf('add-to-cart__submit'))
    assert.match(prices, /^<details class="product-fact variant-prices">\s*<summary>Prices and stock for each size \/ color<\/summary>/)
    assert.include(prices.slice(0, prices.indexOf('</details>')), '$24.00')
    assert.notInclude(page.slice(0, page.indexOf('<table class="table variant-table">')), '<table')
    assert.equal(mediumRed.price, 2400)
  })

  test('an id that is not one of its variants redirects to the plain URL', async ({ assert }) => {
    const { product } = await sizeColorProduct()
    const other = await sizeColorProduct()
    for (const junk of [String(other.smallRed.id), 'abc', '0', '1e3']) {
      const response = await new HttpAgent().get(`/products/${product.handle}?variant=${junk}`)
      assert.equal(response.status, 302, junk)
      assert.equal(response.headers.get('location'), `/products/${product.handle}`)
    }
  })
})
