import { BaseSeeder } from '@adonisjs/lucid/seeders'
import logger from '@adonisjs/core/services/logger'
import SeedDemoCatalog from '#actions/catalog/seed_demo_catalog'
import SeedSellingDefaults from '#actions/pricing/seed_selling_defaults'
import app from '@adonisjs/core/services/app'

/**
 * `node ace db:seed --files database/seeders/demo_seeder.ts`: the demo
 * catalog on an empty store (`stockroom:setup` runs it on first start).
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const result = await (await app.container.make(SeedDemoCatalog)).handle()
    if (result.skipped) logger.info('The store already has products: demo catalog not seeded')
    else logger.info(result, 'Demo catalog seeded')
    // Shipping zone and example tax rates, each only when the store has none.
    logger.info(await (await app.container.make(SeedSellingDefaults)).handle(), 'Selling defaults')
  }
}
