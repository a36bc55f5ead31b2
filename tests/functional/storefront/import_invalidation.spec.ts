import { test } from '@japa/runner'
import { cli, tempFile } from '#tests/cli/helpers'

const HEADER = 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price'

function csv(handle: string, price: string) {
  return [HEADER, `${handle},Harbour Lantern,<p>Brass lantern.</p>,Harbour,Lanterns,,true,Title,Default Title,${handle.toUpperCase()},4,${price}`].join('\n')
}

/**
 * The CLI writes behind the admin's back: its import must drop cached
 * storefront pages just like an admin edit does.
 */
test.group('Storefront | pages after a CLI import', () => {
  test('a re-import with a new price shows on the cached product page at once', async ({ assert }) => {
    const handle = `lantern-${Date.now()}`
    const base = `http://127.0.0.1:${process.env.PORT}`
    const first = await cli('import', 'products', tempFile(`${handle}-1.csv`, csv(handle, '24.00')))
    assert.equal(first.code, 0, first.stderr)

    await fetch(`${base}/products/${handle}`)
    const warm = await fetch(`${base}/products/${handle}`)
    assert.equal(warm.headers.get('x-query-count'), '0')
    assert.include(await warm.text(), '$24.00')

    const second = await cli('import', 'products', tempFile(`${handle}-2.csv`, csv(handle, '31.50')))
    assert.equal(second.code, 0, second.stderr)

    const after = await (await fetch(`${base}/products/${handle}`)).text()
    assert.include(after, '$31.50')
    assert.notInclude(after, '$24.00')
  })
})
