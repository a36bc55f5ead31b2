import { BaseSeeder } from '@adonisjs/lucid/seeders'
import logger from '@adonisjs/core/services/logger'
import SeedDemoCatalog from '#actions/catalog/seed_demo_catalog'

/**
 * `node ace db:seed --files database/seeders/demo_seeder.ts`: the demo
 * catalog on an empty store (`stockroom:setup` runs it on first start).
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const result = await new SeedDemoCatalog().handle()
    if (result.skipped) logger.info('The store already has products: demo catalog not seeded')
    else logger.info(result, 'Demo catalog seeded')
  }
}
