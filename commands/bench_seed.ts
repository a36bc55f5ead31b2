import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Large enough for the back-office bench at 100k products, small enough to stay a bench. */
const MAX_PRODUCTS = 200_000

/**
 * Seeds a large generated catalog for the benches (no placeholder images:
 * they measure pages, not disk). Titles, descriptions, vendors and tags come
 * from a made-up vocabulary of thousands of words drawn with Zipf weights
 * (#database/seeders/demo/vocabulary), so searches match as few or as many
 * products as in a real catalog. Refuses a store that already has
 * products, like the demo seeder.
 */
export default class BenchSeed extends BaseCommand {
  static commandName = 'bench:seed'
  static description = 'Seed a large generated catalog for benchmarks (empty store only)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Active products to generate (10,000 by default; 50,000 for the search aim)', default: 10_000 })
  declare products: number

  async run() {
    if (!Number.isInteger(this.products) || this.products < 1 || this.products > MAX_PRODUCTS) {
      this.logger.error(`--products takes a whole number from 1 to ${MAX_PRODUCTS.toLocaleString('en')}`)
      this.exitCode = 1
      return
    }
    const { default: SeedDemoCatalog } = await import('#actions/catalog/seed_demo_catalog')
    const { benchWording, createVocabulary, BENCH_VOCABULARY_SIZE } = await import('#database/seeders/demo/vocabulary')
    const result = await (await this.app.container.make(SeedDemoCatalog)).handle({
      fixturesDir: 'no-fixtures-for-benchmarks',
      generated: { active: this.products, drafts: 0, archived: 0 },
      wording: benchWording(createVocabulary(BENCH_VOCABULARY_SIZE)),
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
