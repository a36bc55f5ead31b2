import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import ProductImage from '#models/product_image'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent } from '#tests/helpers/http_agent'

const suggestionsOf = (q: string) =>
  new HttpAgent().get(`/search?q=${encodeURIComponent(q)}`, { 'HX-Request': 'true', 'HX-Target': 'search-suggestions' })

/** The SQL a block of code ran (Lucid emits `db:query` for debug connections, as the X-Query-Count header does). */
async function sqlOf(work: () => Promise<unknown>) {
  const seen: string[] = []
  const listener = (query: { sql: string }) => seen.push(query.sql)
  emitter.on('db:query', listener)
  try {
    await work()
  } finally {
    emitter.off('db:query', listener)
  }
  return seen
}

/** Product handles in the order the dropdown lists them. */
const listedHandles = (html: string) => [...html.matchAll(/href="\/products\/([^"]+)"/g)].map((match) => match[1])

test.group('Storefront | instant search suggestions', () => {
  test('a suggestion costs three small queries: titles, prices, thumbnails; no count and no listing', async ({ assert }) => {
    const word = `lantern${uniqueSuffix()}`
    const product = await ProductFactory.merge({ title: `Brass ${word}` })
      .with('variants', 2, (variants) => variants.merge([{ price: 4500 }, { price: 3900, compareAtPrice: 5000 }]))
      .create()
    await ProductImage.create({
      productId: product.id,
      storageKey: `products/${product.id}/${word}.webp`,
      alt: '',
      width: 800,
      height: 800,
      position: 1,
      status: 'ready',
    })

    let text = ''
    const sql = await sqlOf(async () => (text = (await suggestionsOf(word)).text))
    assert.deepEqual(listedHandles(text), [product.handle])
    assert.include(text, `<mark>${word}</mark>`)
    assert.include(text, 'From $39.00')
    assert.include(text, '$50.00', 'the cheapest variant’s compare-at price')
    assert.include(text, `${word}.webp`, 'the thumbnail')
    // the layout's own queries (the header's collections) are not the suggestions' business
    const catalogSql = sql.filter((statement) => /products|variants|product_images|product_search/.test(statement))
    assert.isAtMost(catalogSql.length, 3, catalogSql.join('\n'))
    assert.notMatch(catalogSql.join('\n'), /count\(/i, 'no total of matches is counted')
    assert.notMatch(catalogSql.join('\n'), /inventory_levels|group by/i, 'no stock and no facet query')
  })

  test('a word anywhere in the title is found; titles starting with it come first, then words starting with it', async ({ assert }) => {
    const word = `quill${uniqueSuffix()}`
    const inside = await ProductFactory.merge({ title: `Goose${word} feather` }).with('variants').create()
    const wordStart = await ProductFactory.merge({ title: `Desk ${word} set` }).with('variants').create()
    const titleStart = await ProductFactory.merge({ title: `${word} and ink` }).with('variants').create()
    const draft = await ProductFactory.apply('draft').merge({ title: `${word} prototype` }).with('variants').create()

    const text = (await suggestionsOf(word.slice(0, -1))).text
    assert.deepEqual(listedHandles(text), [titleStart.handle, wordStart.handle, inside.handle])
    assert.notInclude(text, draft.handle)
    assert.include(text, `href="/search?q=${word.slice(0, -1)}"`, 'a link to every result')
  })

  test('every word must be in one title; otherwise, and for a typo, close spellings are shown as such', async ({ assert }) => {
    const word = `marmalade${uniqueSuffix().replace(/\d/g, '')}`
    const jar = await ProductFactory.merge({ title: `Orange ${word} jar` }).with('variants').create()

    const exact = (await suggestionsOf(`oran ${word}`)).text
    assert.deepEqual(listedHandles(exact), [jar.handle])
    assert.notInclude(exact, 'Close matches')
    // no title has both words: the typo-tolerant matches stand in, and say so
    assert.include((await suggestionsOf(`lemon ${word}`)).text, 'Close matches')

    const typo = word.slice(0, 2) + word[3] + word[2] + word.slice(4)
    const close = (await suggestionsOf(typo)).text
    assert.include(close, 'Close matches')
    assert.include(listedHandles(close), jar.handle)
  })

  test('PostgreSQL keeps a trigram index on active products’ lower-cased titles for suggestions', async ({ assert }) => {
    if (db.connection().dialect.name !== 'postgres') return assert.isTrue(true, 'SQLite uses the FTS5 trigram table')
    const index = await db
      .from('pg_indexes')
      .where('indexname', 'products_active_title_lower_trgm')
      .select('indexdef')
      .first()
    assert.match(index?.indexdef ?? '', /gin \(lower\(\(title\)::text\) gin_trgm_ops\) WHERE \(\(status\)::text = 'active'::text\)/)
  })
})
