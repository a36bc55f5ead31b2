import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where the store ships and what it costs. A zone lists ISO country codes
 * ("*" for everywhere else); each country belongs to at most one zone (the
 * admin action checks it). Methods belong to a zone.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('shipping_zones', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable()
      // JSON array of upper-case ISO 3166-1 alpha-2 codes, or ["*"]
      table.json('countries').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('shipping_methods', (table) => {
      table.increments('id')
      table.integer('zone_id').unsigned().notNullable().references('id').inTable('shipping_zones').onDelete('CASCADE')
      table.string('name', 120).notNullable()
      table.string('kind', 16).notNullable()
      // flat and free_over: the price; weight: the base price added to the per-kg rate
      table.integer('amount').notNullable().defaultTo(0)
      // weight: JSON [{ "upToGrams": 1000, "amount": 500 }, …] ascending; empty = use the per-kg rate
      table.json('weight_tiers').nullable()
      table.integer('per_kg_amount').nullable()
      // free when the discounted subtotal reaches it (required for free_over, optional for the others)
      table.integer('free_over_amount').nullable()
      table.string('description', 255).nullable()
      table.integer('position').notNullable().defaultTo(1)
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['zone_id', 'position'])
      table.check("kind in ('flat', 'weight', 'free_over')", {}, 'shipping_methods_kind_check')
      table.check(
        'amount >= 0 and (per_kg_amount is null or per_kg_amount >= 0) and (free_over_amount is null or free_over_amount >= 0)',
        {},
        'shipping_methods_amounts_check'
      )
      table.check("kind <> 'free_over' or free_over_amount is not null", {}, 'shipping_methods_free_over_check')
    })
  }

  async down() {
    this.schema.dropTable('shipping_methods')
    this.schema.dropTable('shipping_zones')
  }
}
