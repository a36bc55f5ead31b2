import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { MAX_CUSTOMER_TAGS, TAG_PATTERN } from '#validators/admin_customer'

/** A tag list staff typed that cannot be stored; the message says why. */
export class CustomerTagsRefused extends Error {}

/**
 * Admin › Customers › Tags: replaces a customer's tags with `tags` (already
 * lower-cased and unique), writing only the difference, audited with the
 * sorted list before and after. Answers null for an unknown customer.
 */
@inject()
export default class SetCustomerTags {
  async handle(customerId: number, tags: string[], actor: Actor) {
    const bad = tags.find((tag) => !TAG_PATTERN.test(tag))
    if (bad) throw new CustomerTagsRefused(`"${bad}" is not a tag: letters, digits, spaces, - and _ only, up to 64 characters.`)
    if (tags.length > MAX_CUSTOMER_TAGS) throw new CustomerTagsRefused(`At most ${MAX_CUSTOMER_TAGS} tags per customer.`)

    return db.transaction(async (trx) => {
      const customer = await trx.from('customers').where('id', customerId).select('id').first()
      if (!customer) return null
      const before = (await trx.from('customer_tags').where('customer_id', customerId).select('tag')).map((row) => row.tag as string).sort()
      const after = [...tags].sort()
      const removed = before.filter((tag) => !after.includes(tag))
      const added = after.filter((tag) => !before.includes(tag))
      if (!removed.length && !added.length) return after
      if (removed.length) await trx.from('customer_tags').where('customer_id', customerId).whereIn('tag', removed).delete()
      if (added.length) {
        const now = dbTimestamp(trx)
        await trx
          .knexQuery()
          .table('customer_tags')
          .insert(added.map((tag) => ({ customer_id: customerId, tag, created_at: now })))
          .onConflict(['customer_id', 'tag'])
          .ignore()
      }
      await recordAudit(
        { actor, action: 'customer.tags_changed', subjectType: 'customer', subjectId: customerId, changes: diffChanges({ tags: before }, { tags: after }) },
        trx
      )
      return after
    })
  }
}
