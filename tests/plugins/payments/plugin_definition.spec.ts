import { test } from '@japa/runner'
import payments from '#plugins/payments/index'
import { ManualPaymentDriver } from '#plugins/payments/drivers/manual_driver'

test.group('Payments | plugin definition', () => {
  test('stripe needs its keys; manual needs nothing', async ({ assert }) => {
    const { validator } = payments({ driver: 'stripe' }).settings!
    await assert.rejects(() => validator.validate({ driver: 'stripe' }))
    await assert.rejects(() =>
      validator.validate({ driver: 'stripe', stripe: { secretKey: 'nope', publishableKey: 'pk_x', webhookSecret: 'whsec_x' } })
    )
    const ok = await validator.validate({
      driver: 'stripe',
      stripe: { secretKey: 'sk_test_x', publishableKey: 'pk_test_x', webhookSecret: 'whsec_x' },
    })
    assert.equal(ok.stripe?.secretKey, 'sk_test_x')
    assert.deepEqual(await payments().settings!.validator.validate(payments().settings!.values), { driver: 'manual' })
  })

  test('the manual driver confirms its test step on site; an unknown outcome is refused', async ({ assert }) => {
    const driver = new ManualPaymentDriver()
    assert.deepEqual(await driver.confirmOnSite({ outcome: 'success' }), { succeeded: true })
    const declined = await driver.confirmOnSite({ outcome: 'decline' })
    assert.isFalse(declined.succeeded)
    assert.include(declined.succeeded ? '' : declined.reason, 'declined')
    await assert.rejects(() => driver.confirmOnSite({ outcome: 'maybe' }))
  })
})
