import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Seeds a large generated catalog for `npm run bench` (no placeholder
 * images: the bench measures pages, not disk). Refuses a store that
 * already has products, like the demo seeder.
 */
export default class BenchSeed extends BaseCommand {
  static commandName = 'bench:seed'
  static description = 'Seed a large generated catalog for benchmarks (empty store only)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Active products to generate', default: 10_000 })
  declare products: number

  async run() {
    const { default: SeedDemoCatalog } = await import('#actions/catalog/seed_demo_catalog')
    const result = await (await this.app.container.make(SeedDemoCatalog)).handle({
      fixturesDir: 'no-fixtures-for-benchmarks',
      generated: { active: this.products, drafts: 0, archived: 0 },
      placeholders: false,
      seed: 42,
    })
    if (result.skipped) {
      this.logger.info('The store already has products: nothing seeded')
      return
    }
    this.logger.success(
      `Bench catalog: ${result.activeProducts} active products, ${result.variants} variants, ` +
        `${result.collections} collections in ${(result.ms / 1000).toFixed(1)} s`
    )
  }
}
