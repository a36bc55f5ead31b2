import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'variants'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE')
      // Unique but nullable: several variants may have no SKU yet.
      table.string('sku', 120).nullable().unique()
      table.string('title', 255).notNullable()
      table.string('option1', 255).nullable()
      table.string('option2', 255).nullable()
      table.string('option3', 255).nullable()
      table.integer('price').notNullable()
      table.integer('compare_at_price').nullable()
      table.integer('cost').nullable()
      table.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      table.integer('weight_grams').nullable()
      table.string('barcode', 64).nullable()
      table.boolean('taxable').notNullable().defaultTo(true)
      table.boolean('requires_shipping').notNullable().defaultTo(true)
      table.boolean('track_inventory').notNullable().defaultTo(true)
      table.string('inventory_policy', 16).notNullable().defaultTo('deny')
      table.integer('position').notNullable().defaultTo(1)
      // No FK: product_images references variants, and SQLite cannot add the
      // reverse constraint later. The model keeps it consistent.
      table.integer('image_id').unsigned().nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['product_id', 'position'])
      table.check('price >= 0', {}, 'variants_price_check')
      table.check('compare_at_price is null or compare_at_price >= 0', {}, 'variants_compare_at_price_check')
      table.check('cost is null or cost >= 0', {}, 'variants_cost_check')
      table.check('weight_grams is null or weight_grams >= 0', {}, 'variants_weight_check')
      table.check("inventory_policy in ('deny', 'continue')", {}, 'variants_inventory_policy_check')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
