import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import { HttpAgent } from '#tests/helpers/http_agent'
import { stockedVariants } from '#tests/helpers/checkout'

const inStockBox = (html: string) => /<input type="checkbox" name="in_stock"[^>]*>/.exec(html)![0]

test.group('Storefront | availability filter', () => {
  test('"In stock" cannot be ticked where nothing listed is in stock, and can where something is', async ({ assert }) => {
    const word = `facet${randomBytes(4).toString('hex')}`
    const { product } = await stockedVariants([{ price: 1500, stock: 0 }])
    product.title = `Sold out ${word}`
    await product.save()

    const soldOut = await new HttpAgent().get(`/search?q=${word}`)
    assert.equal(soldOut.status, 200)
    assert.include(inStockBox(soldOut.text), 'disabled', 'an empty result is not offered as a choice')

    const { product: stocked } = await stockedVariants([{ price: 1500, stock: 4 }])
    stocked.title = `On the shelf ${word}`
    await stocked.save()
    const both = await new HttpAgent().get(`/search?q=${word}`)
    assert.notInclude(inStockBox(both.text), 'disabled')
    // once ticked it can always be unticked, whatever the count
    assert.notInclude(inStockBox((await new HttpAgent().get(`/search?q=${word}&in_stock=1`)).text), 'disabled')
  })
})
