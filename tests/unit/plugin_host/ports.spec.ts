import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { inject } from '@adonisjs/core'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { Notifier } from '#plugin_host/extension_points/notifications'
import { PaymentsPort, type PaymentDriver } from '#plugin_host/extension_points/payments'
import ConfirmPaymentOnSite from '#actions/payments/confirm_payment_on_site'
import type Order from '#models/order'

/** A use case shaped like core's actions: the port arrives through its constructor. */
@inject()
class CountSellable {
  constructor(private inventory: InventoryPort) {}

  async handle(variantIds: number[]) {
    const available = await this.inventory.available(variantIds)
    return [...available.values()].reduce((sum, quantity) => sum + quantity, 0)
  }
}

test.group('Plugin host | ports through the container', (group) => {
  group.each.teardown(() => app.container.restoreAll([InventoryPort, PaymentsPort]))

  test('the ports resolve to the drivers the plugins registered', async ({ assert }) => {
    const host = await app.container.make('stockroom.plugins')
    assert.strictEqual(await app.container.make(InventoryPort), host.inventory())
    assert.strictEqual(await app.container.make(Notifier), host.notifier())
    const payments = await app.container.make(PaymentsPort)
    assert.strictEqual(await payments.driver(), await host.payments.get())
    assert.deepEqual(payments.names(), host.payments.names())
  })

  test('app.container.swap(InventoryPort) reaches an injected action', async ({ assert }) => {
    const standIn = { available: async (ids: number[]) => new Map(ids.map((id) => [id, 7])) } as unknown as InventoryPort
    app.container.swap(InventoryPort, () => standIn)
    assert.equal(await (await app.container.make(CountSellable)).handle([1, 2]), 14)

    app.container.restore(InventoryPort)
    const action = await app.container.make(CountSellable)
    assert.notStrictEqual((action as any).inventory, standIn)
  })

  test('app.container.swap(PaymentsPort) reaches a core payment action', async ({ assert }) => {
    // A driver confirmed at its provider: posting a payment step back to the shop is refused.
    const providerOnly = { name: 'acme' } as PaymentDriver
    const standIn = { driver: async () => providerOnly, driverNamed: async () => providerOnly, names: () => ['acme'] }
    app.container.swap(PaymentsPort, () => standIn)
    const confirm = await app.container.make(ConfirmPaymentOnSite)
    assert.deepEqual(await confirm.handle({} as Order, { outcome: 'success' }, 'test'), { outcome: 'unsupported' })
  })
})
