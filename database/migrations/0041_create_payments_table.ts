import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('payments', (table) => {
      table.increments('id')
      table.integer('order_id').unsigned().notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.string('provider', 64).notNullable()
      table.string('provider_ref', 255).nullable()
      table.integer('amount').notNullable()
      table.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      table.string('status', 32).notNullable().defaultTo('pending')
      table.string('idempotency_key', 255).nullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['order_id'])
      table.index(['status'])
      // Webhooks find the payment by the provider's id.
      table.index(['provider', 'provider_ref'])
      table.check('amount >= 0', {}, 'payments_amount_check')
    })

    this.schema.createTable('refunds', (table) => {
      table.increments('id')
      table.integer('order_id').unsigned().notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.integer('payment_id').unsigned().nullable().references('id').inTable('payments').onDelete('SET NULL')
      table.integer('amount').notNullable()
      table.string('reason', 255).nullable()
      table.string('provider_ref', 255).nullable()
      table.string('status', 32).notNullable().defaultTo('pending')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['order_id'])
      table.index(['payment_id'])
      table.index(['status'])
      table.check('amount > 0', {}, 'refunds_amount_check')
    })
  }

  async down() {
    this.schema.dropTable('refunds')
    this.schema.dropTable('payments')
  }
}
