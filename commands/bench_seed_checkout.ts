import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** The country the checkout bench ships to (a zone of its own). */
const BENCH_COUNTRY = 'BE'

/**
 * Seeds what `npm run bench` needs to measure checkout: a product with
 * `--variants` stocked variants (for uncontended orders) plus a "hot"
 * variant and a "drop" variant of 20 units (for contention), and a
 * flat-rate shipping method to Belgium. Fresh rows every run, so stock
 * never runs out between runs. Prints one JSON line for the bench.
 */
export default class BenchSeedCheckout extends BaseCommand {
  static commandName = 'bench:seed-checkout'
  static description = 'Seed stocked variants and a shipping method for the checkout benchmark (prints JSON)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Variants for uncontended checkouts', default: 1000 })
  declare variants: number

  @flags.number({ description: 'Units of the hot variant (200-way contention)', default: 100_000 })
  declare hotStock: number

  async run() {
    const { randomBytes } = await import('node:crypto')
    const { DateTime } = await import('luxon')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: Product } = await import('#models/product')
    const { dbTimestamp } = await import('#services/db_time')
    const { InventoryPort } = await import('#plugin_host/extension_points/inventory')
    const inventory = await this.app.container.make(InventoryPort)
    const suffix = randomBytes(4).toString('hex')

    const product = await Product.create({
      handle: `bench-checkout-${suffix}`,
      title: `Bench checkout ${suffix}`,
      descriptionHtml: '<p>Checkout benchmark product.</p>',
      status: 'active',
      publishedAt: DateTime.now(),
      lockVersion: 1,
    })
    const rows = Array.from({ length: this.variants + 2 }, (_, index) => ({
      sku: `BENCH-${suffix}-${index}`,
      title: index === 0 ? 'Hot' : index === 1 ? 'Drop' : `Size ${index}`,
      option1: index === 0 ? 'Hot' : index === 1 ? 'Drop' : `Size ${index}`,
      price: 1500,
      currency: 'USD',
      position: index + 1,
    }))
    const variants = await product.related('variants').createMany(rows)
    const stock = (index: number) => (index === 0 ? this.hotStock : index === 1 ? 20 : 100)
    for (const [index, variant] of variants.entries()) {
      await inventory.adjust({ variantId: variant.id, delta: stock(index), reason: 'received', actor: 'bench' })
    }

    let method = await db
      .from('shipping_methods')
      .join('shipping_zones', 'shipping_zones.id', 'shipping_methods.zone_id')
      .where('shipping_zones.name', 'Bench zone')
      .select('shipping_methods.id')
      .first()
    if (!method) {
      const now = dbTimestamp()
      const [zone] = await db
        .table('shipping_zones')
        .insert({ name: 'Bench zone', countries: JSON.stringify([BENCH_COUNTRY]), created_at: now, updated_at: now })
        .returning('id')
      const [created] = await db
        .table('shipping_methods')
        .insert({
          zone_id: Number(zone.id ?? zone),
          name: 'Bench post',
          kind: 'flat',
          amount: 500,
          position: 1,
          active: true,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
      method = { id: Number(created.id ?? created) }
    }

    this.logger.log(
      JSON.stringify({
        country: BENCH_COUNTRY,
        shippingMethodId: Number(method.id),
        hotVariantId: variants[0].id,
        dropVariantId: variants[1].id,
        variantIds: variants.slice(2).map((variant) => variant.id),
      })
    )
  }
}
