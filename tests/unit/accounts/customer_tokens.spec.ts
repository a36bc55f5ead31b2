import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { CustomerFactory } from '#database/factories/customer_factory'
import { consumeCustomerToken, findUsableToken, hashToken, issueCustomerToken } from '#accounts/customer_tokens'
import { sessionStamp } from '#services/customer_session_provider'
import { safeStorefrontRedirect } from '#services/safe_redirect'

test.group('Accounts | customer tokens', () => {
  test('only the hash is stored, and a token is used up once even when two requests race', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const { raw, id } = await issueCustomerToken(customer.id, 'reset', { email: customer.email })
    const row = await db.from('customer_tokens').where('id', id).firstOrFail()
    assert.equal(row.token_hash, hashToken(raw))
    assert.notInclude(JSON.stringify(row), raw)

    const results = await Promise.all([1, 2, 3].map(() => db.transaction((trx) => consumeCustomerToken(raw, 'reset', trx))))
    assert.lengthOf(results.filter(Boolean), 1)
    assert.isNull(await findUsableToken(raw, 'reset'))
  })

  test('a token works only for its purpose, and a newer one replaces it', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const first = await issueCustomerToken(customer.id, 'verify', { email: customer.email })
    assert.isNull(await findUsableToken(first.raw, 'reset'))
    assert.isNotNull(await findUsableToken(first.raw, 'verify'))
    const second = await issueCustomerToken(customer.id, 'verify', { email: customer.email })
    assert.isNull(await findUsableToken(first.raw, 'verify'))
    assert.isNotNull(await findUsableToken(second.raw, 'verify'))
    assert.isNull(await findUsableToken('not a token', 'verify'))
  })

  test('the session stamp changes with the password and on erasure', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const before = sessionStamp(customer)
    assert.equal(sessionStamp(customer), before)
    customer.password = 'another secret value'
    await customer.save()
    assert.notEqual(sessionStamp(customer), before)
    const afterPassword = sessionStamp(customer)
    assert.notEqual(sessionStamp({ id: customer.id, password: customer.password, anonymizedAt: customer.createdAt }), afterPassword)
  })

  test('safeStorefrontRedirect keeps same-site storefront paths only', ({ assert }) => {
    assert.equal(safeStorefrontRedirect('/account/orders?page=2'), '/account/orders?page=2')
    assert.equal(safeStorefrontRedirect('/checkout'), '/checkout')
    for (const evil of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/admin', '/admin/orders', '/x/../admin', 'javascript:alert(1)', '/\tx', undefined, 42]) {
      assert.equal(safeStorefrontRedirect(evil), '/account', String(evil))
    }
  })
})
