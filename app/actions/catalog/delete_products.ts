import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import { recordAudit, type AuditActor } from '#actions/audit/record_audit'
import { productSnapshot } from '#actions/catalog/product_snapshot'
import { invalidateProducts } from '#services/catalog_cache'

/**
 * Deletes products (variants, options, tags, images and collection places go
 * with them by cascade) in one transaction, with one audit row per product
 * holding what was deleted. Ids that no longer exist are skipped.
 */
export default class DeleteProducts {
  async handle(ids: number[], actor: AuditActor) {
    const result = await db.transaction(async (trx) => {
      const products = await Product.query({ client: trx }).whereIn('id', ids).select('id', 'title')
      for (const product of products) {
        const before = await productSnapshot(product.id, trx)
        await trx.from('products').where('id', product.id).delete()
        await recordAudit(
          { actor, action: 'product.deleted', subjectType: 'product', subjectId: product.id, changes: { deleted: before } },
          trx
        )
      }
      return { deleted: products.length, skipped: ids.length - products.length, ids: products.map((product) => product.id) }
    })
    await invalidateProducts(result.ids)
    return { deleted: result.deleted, skipped: result.skipped }
  }
}
