import { BaseSchema } from '@adonisjs/lucid/schema'

/** Order numbers start here, so the first order reads #1001. */
export const FIRST_ORDER_NUMBER = 1001

/**
 * Where human order numbers come from, safely under concurrency.
 *
 * PostgreSQL: a sequence. `nextval` never waits for another transaction,
 * so hundreds of concurrent checkouts do not queue behind one counter row
 * (a rolled-back checkout leaves a gap, which is fine for a display number).
 *
 * SQLite: a counter row bumped with a single UPDATE inside the order
 * transaction; SQLite runs one writer at a time, so the bump is atomic.
 *
 * Either way `orders.number` stays UNIQUE as the last word.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw(`CREATE SEQUENCE IF NOT EXISTS order_number_seq START WITH ${FIRST_ORDER_NUMBER}`)
      // A database that already has orders continues after the highest number.
      this.defer(async (db) => {
        const row = await db.from('orders').max('number as max').first()
        if (row?.max) await db.rawQuery('SELECT setval(?, ?)', ['order_number_seq', Number(row.max)])
      })
      return
    }
    this.schema.createTable('order_number_counter', (table) => {
      table.integer('id').primary()
      table.integer('last_number').notNullable()
    })
    this.defer(async (db) => {
      const row = await db.from('orders').max('number as max').first()
      await db.table('order_number_counter').insert({ id: 1, last_number: Number(row?.max ?? FIRST_ORDER_NUMBER - 1) })
    })
  }

  async down() {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw('DROP SEQUENCE IF EXISTS order_number_seq')
      return
    }
    this.schema.dropTable('order_number_counter')
  }
}
