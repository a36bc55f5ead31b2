import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { uniqueSuffix } from '#database/factories/unique'
import { staffPerRole } from '#tests/helpers/staff_session'
import { errorFor, valueOf } from '#tests/helpers/form_messages'

const staffAs = staffPerRole()

test.group('Admin | form messages name the field as the form does', () => {
  test('product editor: a blank title and a bad price are explained at their fields, the rest kept', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const vendor = `Vendor ${uniqueSuffix()}`
    const _csrf = await agent.csrfTokenFrom('/admin/products/new')
    const answer = await agent.post('/admin/products', {
      _csrf,
      title: ' ',
      vendor,
      status: 'draft',
      'variants[0][price]': '-1',
      'variants[0][compareAtPrice]': '1.999',
    })
    assert.equal(answer.status, 422)
    assert.equal(errorFor(answer.text, 'product-title'), 'Enter a title')
    assert.equal(errorFor(answer.text, 'product-variant-0-price'), 'Enter a price of 0 or more')
    assert.equal(errorFor(answer.text, 'product-variant-0-compareAtPrice'), 'Enter a compare-at price with at most 2 decimal places')
    assert.equal(valueOf(answer.text, 'product-vendor'), vendor)
    assert.equal(valueOf(answer.text, 'product-variant-0-compareAtPrice'), '1.999')
    assert.isNull(await db.from('products').where('vendor', vendor).first())
  })

  test('discount editor: a one-letter code and a two-letter currency are explained, the value kept', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const _csrf = await agent.csrfTokenFrom('/admin/discounts/new')
    const answer = await agent.post('/admin/discounts', { _csrf, code: 'x', kind: 'percentage', value: '12.5', currency: 'US' })
    assert.equal(errorFor(answer.text, 'discount-code'), 'Enter at least 2 characters for a code')
    assert.equal(errorFor(answer.text, 'discount-currency'), 'Enter a three-letter currency code, like USD or EUR')
    assert.isNull(errorFor(answer.text, 'discount-value'))
    assert.equal(valueOf(answer.text, 'discount-value'), '12.5')
    assert.equal(valueOf(answer.text, 'discount-code'), 'x')
  })

  test('staff invite: a malformed email and no role say what to do; the email is kept', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const _csrf = await agent.csrfTokenFrom('/admin/staff/invite')
    const email = `someone-${uniqueSuffix()}.example.test`
    const answer = await agent.post('/admin/staff/invitations', { _csrf, email, roleId: '' })
    assert.equal(errorFor(answer.text, 'invite-email'), 'Enter an email address like name@example.com')
    assert.equal(errorFor(answer.text, 'invite-role'), 'Choose a role')
    assert.equal(valueOf(answer.text, 'invite-email'), email)
    assert.notMatch(answer.text, /field must|must be defined/)
  })
})
