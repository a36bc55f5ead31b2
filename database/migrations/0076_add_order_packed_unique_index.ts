import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An order is packed once: the action checks under the order's row lock,
 * and this partial unique index makes the database refuse a second
 * `order_packed` timeline row whatever path wrote it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      "CREATE UNIQUE INDEX order_events_order_packed_unique ON order_events (order_id) WHERE type = 'order_packed'"
    )
  }

  async down() {
    this.schema.raw('DROP INDEX order_events_order_packed_unique')
  }
}
