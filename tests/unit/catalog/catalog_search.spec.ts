import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { highlight, matchSearch, searchTokens, typoPatterns } from '#search/catalog_search'
import { parseCatalogFilters } from '#validators/catalog_filters'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'

test.group('Catalog search | terms and highlighting', () => {
  test('a search term becomes lower-cased words without punctuation', ({ assert }) => {
    assert.deepEqual(searchTokens(`T-Shirt "XL" & co; DROP TABLE--`), ['t', 'shirt', 'xl', 'co', 'drop', 'table'])
    assert.deepEqual(searchTokens('  %_*:  '), [])
  })

  test('typo patterns cover a swap, a missing, an extra and a wrong letter', ({ assert }) => {
    const { close, loose } = typoPatterns(['tshrit'])
    const matches = (title: string, patterns = close) =>
      patterns.some((pattern) => new RegExp(`^${pattern.replaceAll('%', '.*').replaceAll('_', '.')}$`).test(title))
    assert.isTrue(matches('cotton tshirt'))
    assert.isTrue(matches('tshrt'))
    assert.isTrue(matches('tshrits'))
    assert.isTrue(matches('tshrat'))
    assert.isFalse(matches('sweater'))
    assert.isFalse(matches('ocean blue shirt'))
    // a stray first letter plus a swap: only among the looser patterns
    assert.isTrue(matches('ocean blue shirt', loose))
    assert.deepEqual(typoPatterns(['ab', 'xyz']), { close: [], loose: [] }, 'short words are not guessed at')
  })

  test('highlight escapes HTML and marks every occurrence, merging overlaps', ({ assert }) => {
    assert.equal(highlight('<b>Tea</b> & tea', ['tea']), '&lt;b&gt;<mark>Tea</mark>&lt;/b&gt; &amp; <mark>tea</mark>')
    assert.equal(highlight('Teapot', ['tea', 'teap']), '<mark>Teap</mark>ot')
    assert.equal(highlight('"quoted"', []), '&quot;quoted&quot;')
  })
})

test.group('Catalog search | index kept by triggers', () => {
  test('new, edited and re-tagged products are found; deleted ones are not', async ({ assert }) => {
    const run = uniqueSuffix()
    const found = async (term: string) => {
      const match = await matchSearch(term)
      if (!match || match.fuzzy) return []
      const rows = await db.rawQuery(`select product_id from (${match.sql}) as s`, match.bindings)
      return (rows.rows ?? rows).map((row: { product_id: number }) => Number(row.product_id))
    }
    const product = await ProductFactory.merge({ title: `Alpha${run} jar` }).create()
    assert.include(await found(`alpha${run}`), product.id)

    product.title = `Beta${run} jar`
    await product.save()
    assert.include(await found(`beta${run}`), product.id)
    assert.notInclude(await found(`alpha${run}`), product.id)

    await product.syncTags([`gamma${run}`])
    assert.include(await found(`gamma${run}`), product.id)
    await product.syncTags([])
    assert.notInclude(await found(`gamma${run}`), product.id)

    await product.delete()
    assert.notInclude(await found(`beta${run}`), product.id)
  })
})

test.group('Catalog filters | query string', () => {
  test('normalizes values and drops invalid ones one by one', async ({ assert }) => {
    const filters = await parseCatalogFilters({
      q: '  mug ',
      type: 'Mugs',
      vendor: ['A', 'A', ''],
      opt: ['Size:M', 'Size:L', 'bad', 'Color: Red '],
      min: '30',
      max: '12.5',
      in_stock: 'maybe',
      sort: 'sideways',
      page: '-2',
    })
    assert.equal(filters.q, 'mug')
    assert.deepEqual(filters.types, ['Mugs'])
    assert.deepEqual(filters.vendors, ['A'])
    assert.isUndefined(filters.options.get('bad'))
    assert.deepEqual(Object.fromEntries(filters.options), { Size: ['M', 'L'], Color: ['Red'] })
    // swapped into order, in cents
    assert.equal(filters.minPrice, 1250)
    assert.equal(filters.maxPrice, 3000)
    assert.isFalse(filters.inStock)
    assert.isNull(filters.sort)
    assert.equal(filters.page, 1)
  })
})
