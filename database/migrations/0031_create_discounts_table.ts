import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Discount codes and their usage. Limits are enforced by the database:
 * `usage_count` only grows by a conditional UPDATE (see
 * app/actions/cart/claim_discount_usage.ts) and a CHECK keeps it within
 * `usage_limit`; per-customer use is a counter row per (discount, customer
 * key) that grows by a conditional upsert.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('discounts', (table) => {
      table.increments('id')
      // Stored as entered (upper-cased by the admin action); unique ignoring case, see the index below.
      table.string('code', 64).notNullable()
      table.string('kind', 16).notNullable()
      // percentage: basis points (1250 = 12.5 %); fixed_amount: minor units; free_shipping: 0
      table.integer('value').notNullable().defaultTo(0)
      table.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      table.integer('minimum_subtotal').nullable()
      table.timestamp('starts_at', { useTz: true }).nullable()
      table.timestamp('ends_at', { useTz: true }).nullable()
      table.integer('usage_limit').nullable()
      table.integer('usage_count').notNullable().defaultTo(0)
      table.integer('per_customer_limit').nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['active'])
      table.index(['created_at'])
      table.check("kind in ('percentage', 'fixed_amount', 'free_shipping')", {}, 'discounts_kind_check')
      table.check("value >= 0 and (kind <> 'percentage' or value <= 10000)", {}, 'discounts_value_check')
      table.check('minimum_subtotal is null or minimum_subtotal >= 0', {}, 'discounts_minimum_check')
      table.check(
        'usage_count >= 0 and (usage_limit is null or (usage_limit >= 0 and usage_count <= usage_limit))',
        {},
        'discounts_usage_check'
      )
      table.check('per_customer_limit is null or per_customer_limit >= 1', {}, 'discounts_per_customer_check')
      table.check('ends_at is null or starts_at is null or ends_at > starts_at', {}, 'discounts_dates_check')
    })
    // lower() is ASCII-only on SQLite; codes are restricted to ASCII letters, digits, - and _.
    this.schema.raw('create unique index discounts_code_lower_unique on discounts (lower(code))')

    this.schema.createTable('discount_usages', (table) => {
      table.increments('id')
      table.integer('discount_id').unsigned().notNullable().references('id').inTable('discounts').onDelete('CASCADE')
      // No FK: orders are created by a later migration (0040) and SQLite cannot add
      // a constraint afterwards. Usages are released through releaseDiscountUsage.
      table.integer('order_id').unsigned().notNullable()
      table.integer('customer_id').unsigned().nullable().references('id').inTable('customers').onDelete('SET NULL')
      table.string('email', 254).nullable()
      // lower-cased email (or "customer:<id>"): the per-customer limit counts by it
      table.string('customer_key', 270).nullable()
      // set when the order was cancelled and the use given back
      table.timestamp('released_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.unique(['discount_id', 'order_id'])
      table.index(['order_id'])
      table.index(['customer_id'])
      table.index(['discount_id', 'customer_key'])
    })

    this.schema.createTable('discount_customer_usages', (table) => {
      table.increments('id')
      table.integer('discount_id').unsigned().notNullable().references('id').inTable('discounts').onDelete('CASCADE')
      table.string('customer_key', 270).notNullable()
      table.integer('usage_count').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['discount_id', 'customer_key'])
      table.check('usage_count >= 0', {}, 'discount_customer_usages_count_check')
    })
  }

  async down() {
    this.schema.dropTable('discount_customer_usages')
    this.schema.dropTable('discount_usages')
    this.schema.dropTable('discounts')
  }
}
