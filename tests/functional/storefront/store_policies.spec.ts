import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent, type AgentResponse } from '#tests/helpers/http_agent'
import { staffCsrfToken, staffPerRole } from '#tests/helpers/staff_session'
import { addToCart, checkoutUpToReview } from '#tests/helpers/checkout_flow'
import { flatShipping, stockedVariants } from '#tests/helpers/checkout'

/*
| Store policies: staff write them at Admin › Settings › Policies (settings.manage),
| each written one gets a page-cached /policies/<handle> page, a footer link,
| the product page's "Shipping & returns" summary and checkout links; a blank
| one is a 404. Saving drops every cached page.
*/

const staffAs = staffPerRole()

// Monaco: no other test ships there.
const COUNTRY = 'MC'

const EMPTY = { refund_policy: '', shipping_policy: '', privacy_policy: '', terms_of_service: '', contact_information: '' }

async function savePolicies(values: Partial<typeof EMPTY>) {
  const { agent } = await staffAs('owner')
  return agent.submit('/admin/settings/policies', '/admin/settings/policies', { ...EMPTY, ...values })
}

function queries(response: AgentResponse) {
  return Number(response.headers.get('x-query-count'))
}

test.group('Storefront | store policies', (group) => {
  // every test starts from a store without policies, as a new store is
  group.each.setup(async () => void (await savePolicies({})))
  group.teardown(async () => void (await savePolicies({})))

  test('staff save a policy: audited, shown as paragraphs and safe links; a blank one is a 404', async ({ assert }) => {
    const saved = await savePolicies({
      refund_policy: 'Return anything within 30 days.\n\nWrite to returns@example.test or see https://example.test/returns.\n<script>alert(1)</script>',
    })
    assert.equal(saved.status, 303)
    assert.equal(saved.location, '/admin/settings/policies')
    const audit = await db.from('audit_logs').where('action', 'settings.updated').where('subject_id', 'policies').orderBy('id', 'desc').first()
    assert.isNotNull(audit)

    const page = await new HttpAgent().get('/policies/refund')
    assert.equal(page.status, 200)
    assert.include(page.text, '<h1>Refund policy</h1>')
    assert.include(page.text, '<p>Return anything within 30 days.</p>')
    assert.include(page.text, '<a href="mailto:returns@example.test" rel="nofollow noopener">returns@example.test</a>')
    assert.include(page.text, '<a href="https://example.test/returns" rel="nofollow noopener">https://example.test/returns</a>.')
    assert.notInclude(page.text, '<script>alert(1)</script>')
    assert.include(page.text, '&lt;script&gt;')
    assert.equal(page.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=300')
    assert.isNull(page.headers.get('set-cookie'))

    assert.equal((await new HttpAgent().get('/policies/shipping')).status, 404, 'not written: no page')
    assert.equal((await new HttpAgent().get('/policies/nonsense')).status, 404)
    assert.include((await new HttpAgent().get('/policies/shipping')).text, 'class="store-body"', 'the 404 is in the theme')
  })

  test('the footer links only the written policies; the product page sums up shipping and returns', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const before = await new HttpAgent().get(`/products/${product.handle}`)
    assert.notInclude(before.text, 'id="footer-policies"')
    assert.notInclude(before.text, 'data-shipping-returns')
    assert.include(before.text, '<summary>Shipping and delivery</summary>')
    // the footer's brand is the store's name, with no developer's tagline under it
    assert.match(before.text, /<p class="store-footer__name">[^<]*<\/p>\s*<\/div>/)
    assert.notInclude(before.text, 'Track every order from its confirmation page')

    await savePolicies({ refund_policy: 'Thirty days to change your mind.', privacy_policy: 'We keep what an order needs.' })
    const after = await new HttpAgent().get(`/products/${product.handle}`)
    assert.include(after.text, '<a href="/policies/refund">Refund policy</a>')
    assert.include(after.text, '<a href="/policies/privacy">Privacy policy</a>')
    assert.notInclude(after.text, 'href="/policies/shipping"')
    // one box, not a second one beside the generic shipping note
    assert.match(after.text, /<details class="product-fact" data-shipping-returns>\s*<summary>Shipping &amp; returns<\/summary>\s*<p>Choose how your order ships[^<]*<\/p>\s*<p>Thirty days to change your mind.<\/p>/)
    assert.notInclude(after.text, '<summary>Shipping and delivery</summary>')
    assert.include(after.text, 'Read the refund policy</a>')
    assert.include(after.text, 'See our <a href="/policies/privacy">privacy policy</a>.', 'the sign-up consent links the privacy policy')
  })

  test('policy pages are cached and dropped on save, with every page that links them', async ({ assert }) => {
    await savePolicies({ terms_of_service: 'First terms.' })
    const agent = new HttpAgent()
    const cold = await agent.get('/policies/terms')
    assert.include(cold.text, 'First terms.')
    const warm = await agent.get('/policies/terms')
    assert.equal(queries(warm), 0, 'a warm policy page runs no SQL')
    const home = await agent.get('/')
    assert.include(home.text, 'href="/policies/terms"')

    await savePolicies({ terms_of_service: 'Second terms.', contact_information: 'Call us.' })
    const changed = await agent.get('/policies/terms')
    assert.include(changed.text, 'Second terms.')
    assert.notInclude(changed.text, 'First terms.')
    assert.include((await agent.get('/')).text, 'href="/policies/contact"')

    await savePolicies({})
    assert.equal((await agent.get('/policies/terms')).status, 404, 'emptied: the cached page is gone too')
  })

  test('checkout shows the terms, privacy and refund links beside the button that places the order', async ({ assert }) => {
    await savePolicies({ terms_of_service: 'Terms.', privacy_policy: 'Privacy.', shipping_policy: 'Shipping.' })
    const methodId = await flatShipping(COUNTRY, 500, 'Courier')
    const { variants } = await stockedVariants([{ price: 1200, stock: null }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id)
    const review = await checkoutUpToReview(agent, methodId, {
      email: 'policies.shopper@example.test', first_name: 'Grace', last_name: 'Kelly', line1: '1 Avenue', city: 'Monaco', postal_code: '98000', country_code: COUNTRY,
    })
    // the list sits in the form that places the order, above its button
    const form = review.text.slice(review.text.indexOf('action="/checkout/place"'))
    const block = form.slice(form.indexOf('class="checkout-policies"'), form.indexOf('</ul>'))
    assert.isBelow(form.indexOf('class="checkout-policies"'), form.indexOf('type="submit"'))
    assert.include(block, 'href="/policies/terms"')
    assert.include(block, 'href="/policies/privacy"')
    assert.notInclude(block, 'href="/policies/refund"', 'not written, not linked')
    assert.notInclude(block, 'href="/policies/shipping"')
  })
})

test.group('Admin | settings: policies', (group) => {
  group.teardown(async () => void (await savePolicies({})))

  test('the editor shows each policy; a text over the limit is refused with a human message', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/settings/policies')
    assert.equal(page.status, 200)
    for (const label of ['Refund policy', 'Shipping policy', 'Privacy policy', 'Terms of service', 'Contact information']) {
      assert.include(page.text, `>${label}</label>`)
    }
    const refused = await agent.submit('/admin/settings/policies', '/admin/settings/policies', { ...EMPTY, refund_policy: 'x'.repeat(20_001) })
    assert.equal(refused.status, 422)
    assert.include(refused.text, 'Refund policy must be 20,000 characters or fewer')
    assert.equal((await new HttpAgent().get('/policies/refund')).status, 404, 'nothing was saved')
  })

  test('staff without settings.manage can neither open nor save the policies', async ({ assert }) => {
    const { agent } = await staffAs('support')
    assert.equal((await agent.get('/admin/settings/policies')).status, 403)
    const posted = await agent.post('/admin/settings/policies', { ...EMPTY, refund_policy: 'Sneaky', _csrf: await staffCsrfToken(agent) })
    assert.equal(posted.status, 403)
    assert.equal((await new HttpAgent().get('/policies/refund')).status, 404)
  })
})
