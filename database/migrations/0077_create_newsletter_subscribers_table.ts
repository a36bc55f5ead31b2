import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The storefront's newsletter list: footer, account page and any later
 * source. `email` is stored lower-cased, so the unique index makes an
 * address unique whatever case it was typed in. A row is never deleted on
 * unsubscribe (`unsubscribed_at` is set): the list keeps who said no.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('newsletter_subscribers', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      // where they signed up: footer, account (a short code, shown to staff)
      table.string('source', 40).notNullable()
      table.timestamp('consented_at', { useTz: true }).notNullable()
      table.timestamp('unsubscribed_at', { useTz: true }).nullable()
      // random, sent in every mailing's one-click unsubscribe link
      table.string('unsubscribe_token', 64).notNullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['unsubscribed_at'])
      table.index(['consented_at'])
    })
  }

  async down() {
    this.schema.dropTable('newsletter_subscribers')
  }
}
