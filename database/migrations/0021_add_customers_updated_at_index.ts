import { BaseSchema } from '@adonisjs/lucid/schema'

/** `stockroom export customers --since` filters on updated_at. */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('customers', (table) => {
      table.index(['updated_at'], 'customers_updated_at_index')
    })
  }

  async down() {
    this.schema.alterTable('customers', (table) => {
      table.dropIndex(['updated_at'], 'customers_updated_at_index')
    })
  }
}
