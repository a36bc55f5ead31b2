import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Tax by destination. A row with a region wins over the country's row
 * without one. `prices_include_tax` says how catalog prices read for that
 * destination: VAT-style (tax inside the price) or added on top.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tax_rates', (table) => {
      table.increments('id')
      table.specificType('country_code', 'char(2)').notNullable()
      // '' = the whole country (not null, so the unique index below holds on both databases)
      table.string('region', 120).notNullable().defaultTo('')
      table.string('name', 120).notNullable()
      // basis points: 2000 = 20 %
      table.integer('rate').notNullable()
      table.boolean('prices_include_tax').notNullable().defaultTo(false)
      table.boolean('shipping_taxable').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['country_code', 'region'])
      table.check('rate >= 0 and rate <= 10000', {}, 'tax_rates_rate_check')
    })
  }

  async down() {
    this.schema.dropTable('tax_rates')
  }
}
