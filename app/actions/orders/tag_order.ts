import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { orderTags } from '#queries/admin_order_detail_query'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { dbTimestamp } from '#services/db_time'

/**
 * Adds or removes one staff tag on an order, audited with the tag list
 * before and after. Adding a tag the order has, or removing one it lacks,
 * changes nothing and writes no audit entry. Answers whether it changed.
 */
@inject()
export default class TagOrder {
  async handle(orderId: number, tag: string, present: boolean, actor: Actor) {
    return db.transaction(async (trx) => {
      await trx.from('orders').where('id', orderId).forUpdate().firstOrFail()
      const before = await orderTags(orderId, trx)
      if (before.includes(tag) === present) return false
      if (present) {
        await trx.table('order_tags').insert({ order_id: orderId, tag, created_at: dbTimestamp(trx) })
      } else {
        await trx.from('order_tags').where('order_id', orderId).where('tag', tag).delete()
      }
      const after = present ? [...before, tag].sort() : before.filter((kept) => kept !== tag)
      await recordAudit({ actor, action: present ? 'order.tag' : 'order.untag', subjectType: 'order', subjectId: orderId, changes: { tags: [before, after] } }, trx)
      return true
    })
  }
}
