import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { productSnapshot } from '#catalog/product_snapshot'
import { invalidateProducts } from '#catalog/catalog_cache'
import ProductImage from '#models/product_image'
import { deleteStoredFiles, storedKeysOf } from '#catalog/product_media'

/**
 * Deletes products (variants, options, tags, images and collection places go
 * with them by cascade) in one transaction, with one audit row per product
 * holding what was deleted. Ids that no longer exist are skipped. Stored
 * image files are removed after the transaction committed.
 */
export default class DeleteProducts {
  async handle(ids: number[], actor: Actor) {
    const result = await db.transaction(async (trx) => {
      const products = await Product.query({ client: trx }).whereIn('id', ids).select('id', 'title')
      // the image rows go by cascade; their files are removed once that committed
      const images = products.length
        ? await ProductImage.query({ client: trx }).whereIn('product_id', products.map((product) => product.id)).select('storage_key', 'renditions')
        : []
      for (const product of products) {
        const before = await productSnapshot(product.id, trx)
        await trx.from('products').where('id', product.id).delete()
        await recordAudit(
          { actor, action: 'product.deleted', subjectType: 'product', subjectId: product.id, changes: { deleted: before } },
          trx
        )
      }
      return {
        deleted: products.length,
        skipped: ids.length - products.length,
        ids: products.map((product) => product.id),
        files: images.flatMap((image) => storedKeysOf(image)),
      }
    })
    await invalidateProducts(result.ids)
    await deleteStoredFiles(result.files)
    return { deleted: result.deleted, skipped: result.skipped }
  }
}
