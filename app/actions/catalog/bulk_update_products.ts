import db from '@adonisjs/lucid/services/db'
import { recordEvent } from '#plugin_host/outbox'
import { invalidateProducts } from '#catalog/catalog_cache'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { dbTimestamp } from '#services/db_time'
import type { BulkProductAction } from '#validators/product'
import type { ProductStatus } from '#models/product'

const statusFor: Partial<Record<BulkProductAction, ProductStatus>> = {
  publish: 'active',
  unpublish: 'draft',
  archive: 'archived',
}

/**
 * Applies one bulk action of Admin › Products (status change, add or remove
 * a tag) to the selected products in one transaction. Only products the
 * action really changes are touched: they get their lock_version bumped (an
 * editor open on one of them will be refused, not silently overwrite it),
 * an audit row with the diff and a ProductUpdated event.
 * Deletion is DeleteProducts.
 */
export default class BulkUpdateProducts {
  async handle(ids: number[], action: Exclude<BulkProductAction, 'delete'>, tag: string | undefined, actor: Actor) {
    const result = await db.transaction(async (trx) => {
      const rows: Array<{ id: number; status: ProductStatus; published_at: unknown }> = await trx
        .from('products')
        .select('id', 'status', 'published_at')
        .whereIn('id', ids)
      const tagged = new Set<number>()
      if (tag) {
        const hits = await trx.from('product_tags').select('product_id').whereIn('product_id', ids).whereRaw('lower(tag) = ?', [tag.toLowerCase()])
        for (const hit of hits) tagged.add(Number(hit.product_id))
      }

      const now = dbTimestamp(trx)
      const changed: number[] = []
      for (const row of rows) {
        const id = Number(row.id)
        let changes: Record<string, unknown> | null = null
        const status = statusFor[action]
        if (status && row.status !== status) {
          await trx
            .from('products')
            .where('id', id)
            .update(status === 'active' && !row.published_at ? { status, published_at: now } : { status })
          changes = { status: [row.status, status] }
        } else if (action === 'add_tag' && tag && !tagged.has(id)) {
          await trx.table('product_tags').insert({ product_id: id, tag, created_at: now })
          changes = { tags: { added: tag } }
        } else if (action === 'remove_tag' && tag && tagged.has(id)) {
          await trx.from('product_tags').where('product_id', id).whereRaw('lower(tag) = ?', [tag.toLowerCase()]).delete()
          changes = { tags: { removed: tag } }
        }
        if (!changes) continue

        await trx.from('products').where('id', id).update({ lock_version: trx.knexRawQuery('lock_version + 1'), updated_at: now })
        await recordAudit({ actor, action: `product.bulk_${action}`, subjectType: 'product', subjectId: id, changes }, trx)
        await recordEvent('ProductUpdated', { productId: id }, trx)
        changed.push(id)
      }
      return { changed, unchanged: rows.length - changed.length, missing: ids.length - rows.length }
    })
    await invalidateProducts(result.changed)
    return { ...result, changed: result.changed.length }
  }
}
