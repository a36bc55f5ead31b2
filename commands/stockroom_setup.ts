import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export const DEMO_OWNER_EMAIL = 'owner@stockroom.local'
/** Written once the demo owner's password has been shown, so later starts stay quiet. */
export const DEMO_OWNER_MARKER = 'demo_owner_printed'

/**
 * Brings the store up to date before the server starts (`npm start`):
 * runs pending migrations (core, then plugins) and, on an empty store with
 * demo data enabled, seeds the demo catalog and creates a demo owner whose
 * password is printed once. Safe to run on every start; fast when there is
 * nothing to do.
 */
export default class StockroomSetup extends BaseCommand {
  static commandName = 'stockroom:setup'
  static description = 'Run pending migrations and, on an empty store, seed demo data'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Never seed demo data, whatever DEMO_DATA says' })
  declare skipDemo?: boolean

  declare env: (typeof import('#start/env'))['default']

  async run() {
    const { default: runtime } = await import('#config/runtime')
    this.env = (await import('#start/env')).default
    if (!(await this.#migrate())) return

    const db = await this.app.container.make('lucid.db')
    const products = await db.from('products').count('* as total').first()
    const staff = await db.from('staff_users').count('* as total').first()
    const empty = Number(products?.total ?? 0) === 0 && Number(staff?.total ?? 0) === 0
    const marker = join(runtime.dataDir, DEMO_OWNER_MARKER)

    if (empty && runtime.demoData && !this.skipDemo) {
      await this.#seedDemo(marker)
    } else if (existsSync(marker)) {
      this.logger.info(`Back-office: ${await this.#adminUrl()} (demo owner ${DEMO_OWNER_EMAIL}; password shown on first start)`)
    } else if (empty) {
      this.logger.info('The store is empty: create an owner with `node ace stockroom:create-owner --email … --name …`')
    }
  }

  /** Applies pending migrations; false (and exit code 1) when one fails. */
  async #migrate() {
    const { MigrationRunner } = await import('@adonisjs/lucid/migration')
    const db = await this.app.container.make('lucid.db')
    const migrator = new MigrationRunner(db, this.app, { direction: 'up', dryRun: false })
    await migrator.run()
    if (migrator.status === 'error') {
      this.exitCode = 1
      this.logger.error(`Migration failed: ${migrator.error?.message ?? 'unknown error'}`)
      return false
    }
    const applied = Object.keys(migrator.migratedFiles).length
    if (applied) this.logger.info(`Applied ${applied} migration${applied === 1 ? '' : 's'}`)
    return true
  }

  async #seedDemo(marker: string) {
    const { default: SeedDemoCatalog } = await import('#actions/catalog/seed_demo_catalog')
    const { default: CreateOwner } = await import('#actions/staff/create_owner')

    const catalog = await (await this.app.container.make(SeedDemoCatalog)).handle()
    this.logger.info(
      `Demo catalog: ${catalog.imported + catalog.generated} products (${catalog.activeProducts} active, the rest drafts and archived), ${catalog.variants} variants, ` +
        `${catalog.collections} collections in ${(catalog.ms / 1000).toFixed(1)} s`
    )
    const { default: SeedSellingDefaults } = await import('#actions/pricing/seed_selling_defaults')
    const selling = await (await this.app.container.make(SeedSellingDefaults)).handle()
    this.logger.info(`Selling defaults: ${selling.shippingZones} shipping zone, ${selling.taxRates} tax rates`)
    const owner = await (await this.app.container.make(CreateOwner)).handle({ email: DEMO_OWNER_EMAIL, fullName: 'Demo Owner' }, { type: 'system' })
    await writeFile(marker, `${owner.user.email}\n`)
    // Shown once: the marker keeps later starts from printing it again.
    this.logger.log('')
    this.logger.log(`  Back-office: ${await this.#adminUrl()}`)
    this.logger.log(`  Email:       ${owner.user.email}`)
    this.logger.log(`  Password:    ${owner.password}`)
    this.logger.log('  (shown once; create more staff from the back-office or with stockroom:create-owner)')
    this.logger.log('')
  }

  /** On the store's one public address (#services/store_url), as emails and exports write it. */
  async #adminUrl() {
    const { storeUrl } = await import('#services/store_url')
    return storeUrl('/admin')
  }
}
