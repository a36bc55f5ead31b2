import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Sales per collection and day: the lines of products that belonged to the
 * collection (manual or smart) when the sale was counted. A product in two
 * collections counts in both, so the rows do not add up to the day's sales.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('analytics_daily_collections', (table) => {
      table.increments('id')
      table.string('day', 10).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      // no foreign key: the figures outlive a deleted collection
      table.integer('collection_id').notNullable()
      table.string('title', 255).notNullable()
      table.integer('units').notNullable().defaultTo(0)
      table.bigInteger('revenue').notNullable().defaultTo(0)
      table.unique(['day', 'currency', 'collection_id'])
      table.index(['currency', 'day', 'collection_id', 'units', 'revenue'], 'analytics_daily_collections_range_index')
    })
  }

  async down() {
    this.schema.dropTable('analytics_daily_collections')
  }
}
