import { BaseSchema } from '@adonisjs/lucid/schema'
import app from '@adonisjs/core/services/app'

/**
 * Net sales as merchants read them: gross sales − discounts − returns, no
 * tax and no shipping (docs/analytics.md, Figures). The daily sales gain
 * `returns` (the net sales refunds took back) and the countries their own
 * `net_sales`. Rollups counted before this release held other figures
 * (product revenue net of the discount twice, tax counted as sales), so
 * the existing rollups are rebuilt here, in the migration's transaction,
 * from the order facts; a store without any counted fact has nothing to
 * rebuild.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('analytics_daily_sales', (table) => {
      table.bigInteger('returns').notNullable().defaultTo(0)
    })
    this.schema.alterTable('analytics_daily_countries', (table) => {
      table.bigInteger('net_sales').notNullable().defaultTo(0)
    })
    this.defer(async (client) => {
      const counted = await client.from('analytics_applied_events').first()
      if (!counted) return
      const { default: RebuildRollups } = await import('../../actions/rebuild_rollups.js')
      const rebuild = await app.container.make(RebuildRollups)
      await rebuild.handle({ client })
    })
  }

  async down() {
    this.schema.alterTable('analytics_daily_countries', (table) => {
      table.dropColumn('net_sales')
    })
    this.schema.alterTable('analytics_daily_sales', (table) => {
      table.dropColumn('returns')
    })
  }
}
