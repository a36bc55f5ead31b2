import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import { recordEvent } from '#plugin_host/outbox'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { syncProductVariants } from '#catalog/sync_product_variants'
import { assertHandleFree, productAttributes, productSnapshot, tagsFrom } from '#catalog/product_snapshot'
import { ProductConflictError } from '#exceptions/catalog_errors'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { invalidateProducts } from '#catalog/catalog_cache'
import type { UpdateProductInput } from '#validators/product'

/**
 * Saves the admin editor over an existing product, guarded by optimistic
 * concurrency: the row is updated only `WHERE lock_version = <the version
 * the editor loaded>` and the version is bumped in the same statement. If
 * someone saved in between, nothing is written and ProductConflictError is
 * raised, so the controller can show the form again with the input intact.
 * Writes an audit row with the before/after diff and records ProductUpdated.
 */
export default class UpdateProduct {
  async handle(productId: number, input: UpdateProductInput, actor: Actor) {
    const saved = await db.transaction(async (trx) => {
      const current = await Product.query({ client: trx }).where('id', productId).firstOrFail()
      if (current.lockVersion !== input.lockVersion) throw new ProductConflictError(productId)

      const attributes = productAttributes(input)
      await assertHandleFree(attributes.handle, productId, trx)
      const variants = await syncProductVariants(productId, input, `${actor.type}:${actor.id}`, trx)
      const before = await productSnapshot(productId, trx)

      const publishedAt =
        attributes.status === 'active' ? (current.publishedAt ?? DateTime.now()) : current.publishedAt
      const updated = await trx
        .from('products')
        .where('id', productId)
        .where('lock_version', input.lockVersion)
        .update({
          title: attributes.title,
          handle: attributes.handle,
          description_html: attributes.descriptionHtml,
          vendor: attributes.vendor,
          product_type: attributes.productType,
          status: attributes.status,
          seo_title: attributes.seoTitle,
          seo_description: attributes.seoDescription,
          published_at: publishedAt ? dbTimestamp(trx, publishedAt as DateTime<true>) : null,
          lock_version: trx.knexRawQuery('lock_version + 1'),
          updated_at: dbTimestamp(trx),
        })
      // The read above is only a fast path; this conditional update is what decides.
      if (affectedRows(updated) === 0) throw new ProductConflictError(productId)

      const product = await Product.query({ client: trx }).where('id', productId).firstOrFail()
      await product.syncTags(tagsFrom(input))
      await variants.apply(productId)

      const changes = diffChanges(before, await productSnapshot(productId, trx))
      await recordAudit({ actor, action: 'product.updated', subjectType: 'product', subjectId: productId, changes }, trx)
      await recordEvent('ProductUpdated', { productId }, trx)
      return product
    })
    await invalidateProducts([productId])
    return saved
  }
}
