import { test } from '@japa/runner'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent } from '#tests/helpers/http_agent'

const listed = (html: string, handle: string) => html.includes(`href="/products/${handle}"`)
const suggestionsOf = (agent: HttpAgent, q: string) =>
  agent.get(`/search?q=${encodeURIComponent(q)}`, { 'HX-Request': 'true', 'HX-Target': 'search-suggestions' })

test.group('Storefront | search', () => {
  test('finds a product through a typo', async ({ assert }) => {
    const vendor = `Typo-${uniqueSuffix()}`
    const shirt = await ProductFactory.merge({ title: 'Heavyweight T-shirt', vendor }).with('variants').create()
    const candle = await ProductFactory.merge({ title: 'Beeswax Candle', vendor }).with('variants').create()
    const agent = new HttpAgent()

    // the vendor filter keeps other tests' (and the demo's) shirts and candles out of the page
    const shirts = await agent.get(`/search?q=tshrit&vendor=${vendor}`)
    assert.equal(shirts.status, 200)
    assert.isTrue(listed(shirts.text, shirt.handle))
    assert.isFalse(listed(shirts.text, candle.handle))
    assert.include(shirts.text, 'No exact matches')

    const candles = await agent.get(`/search?q=candel&vendor=${vendor}`)
    assert.isTrue(listed(candles.text, candle.handle))
    assert.isFalse(listed(candles.text, shirt.handle))
  })

  test('finds products by a word prefix, by vendor and by tag', async ({ assert }) => {
    const run = uniqueSuffix()
    const product = await ProductFactory.merge({ title: `Quokka${run} mug`, vendor: `Vend${run}` }).with('variants').create()
    await product.syncTags([`tagword${run}`])
    const agent = new HttpAgent()

    assert.isTrue(listed((await agent.get(`/search?q=quokka${run.slice(0, 2)}`)).text, product.handle))
    assert.isTrue(listed((await agent.get(`/search?q=vend${run}`)).text, product.handle))
    assert.isTrue(listed((await agent.get(`/search?q=tagword${run}`)).text, product.handle))
  })

  test('a title match ranks above a description match', async ({ assert }) => {
    const word = `glimmer${uniqueSuffix()}`
    const inTitle = await ProductFactory.merge({ title: `Desk lamp ${word}`, descriptionHtml: '<p>Bright.</p>' })
      .with('variants')
      .create()
    // newer, so "newest first" would list it first
    const inDescription = await ProductFactory.merge({ title: 'Floor lamp', descriptionHtml: `<p>Pairs with ${word} shades.</p>` })
      .with('variants')
      .create()

    const page = (await new HttpAgent().get(`/search?q=${word}`)).text
    assert.isTrue(listed(page, inTitle.handle))
    assert.isTrue(listed(page, inDescription.handle))
    assert.isBelow(page.indexOf(inTitle.handle), page.indexOf(inDescription.handle))
  })

  test('highlights matches, escaping the title first', async ({ assert }) => {
    const word = `glow${uniqueSuffix()}`
    const product = await ProductFactory.merge({ title: `<script>alert(1)</script> ${word} & co` }).with('variants').create()
    const agent = new HttpAgent()

    const page = (await agent.get(`/search?q=${word}`)).text
    assert.isTrue(listed(page, product.handle))
    assert.include(page, `&lt;script&gt;alert(1)&lt;/script&gt; <mark>${word}</mark> &amp; co`)
    assert.notInclude(page, '<script>alert(1)')

    const dropdown = await suggestionsOf(agent, word)
    assert.include(dropdown.text, `&lt;script&gt;alert(1)&lt;/script&gt; <mark>${word}</mark> &amp; co`)
    assert.notInclude(dropdown.text, '<script>alert(1)')
  })

  test('instant results are a fragment for htmx, and the search page varies on HX-Request', async ({ assert }) => {
    const word = `instant${uniqueSuffix()}`
    const product = await ProductFactory.merge({ title: `Teapot ${word}` }).with('variants', 1, (v) => v.merge({ price: 3200 })).create()
    const agent = new HttpAgent()

    const dropdown = await suggestionsOf(agent, word)
    assert.equal(dropdown.status, 200)
    assert.include(dropdown.headers.get('vary') ?? '', 'HX-Request')
    assert.notInclude(dropdown.text, '<html')
    assert.include(dropdown.text, `href="/products/${product.handle}"`)
    assert.include(dropdown.text, '$32.00')
    assert.include(dropdown.text, `href="/search?q=${word}"`)

    const page = await agent.get(`/search?q=${word}`)
    assert.include(page.text, '<!doctype html>')
    assert.include(page.headers.get('vary') ?? '', 'HX-Request')
    // the header form works without JavaScript: a plain GET to /search
    assert.match(page.text, /<form class="store-search" action="\/search" method="get"/)
    assert.include(page.text, `value="${word}"`)

    const empty = await suggestionsOf(agent, '')
    assert.equal(empty.text.trim(), '')

    // a search page without a word asks for one instead of listing everything
    const blank = (await agent.get('/search?q=')).text
    assert.include(blank, 'Type a word above to search the catalog.')
    assert.notInclude(blank, 'class="product-card"')
  })

  test('drafts are never found', async ({ assert }) => {
    const word = `hidden${uniqueSuffix()}`
    const draft = await ProductFactory.apply('draft').merge({ title: `Prototype ${word}` }).with('variants').create()
    const page = (await new HttpAgent().get(`/search?q=${word}`)).text
    assert.isFalse(listed(page, draft.handle))
    assert.include(page, 'No products match')
  })
})
