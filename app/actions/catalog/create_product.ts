import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import { recordEvent } from '#plugin_host/outbox'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { syncProductVariants } from '#catalog/sync_product_variants'
import { assertHandleFree, productAttributes, productSnapshot, tagsFrom } from '#catalog/product_snapshot'
import { invalidateProducts } from '#catalog/catalog_cache'
import type { CreateProductInput } from '#validators/product'

/**
 * Creates a product from the admin editor in one transaction: the product,
 * its tags, options and the full variant matrix (with opening stock through
 * the inventory port), an audit row and a ProductCreated event. A taken
 * handle or SKU raises CatalogInputError before anything is written.
 */
export default class CreateProduct {
  async handle(input: CreateProductInput, actor: Actor) {
    const created = await db.transaction(async (trx) => {
      const attributes = productAttributes(input)
      await assertHandleFree(attributes.handle, null, trx)
      const variants = await syncProductVariants(null, input, `${actor.type}:${actor.id}`, trx)

      const product = await Product.create(
        { ...attributes, publishedAt: attributes.status === 'active' ? DateTime.now() : null, lockVersion: 1 },
        { client: trx }
      )
      await product.syncTags(tagsFrom(input))
      await variants.apply(product.id)

      await recordAudit(
        { actor, action: 'product.created', subjectType: 'product', subjectId: product.id, changes: await productSnapshot(product.id, trx) },
        trx
      )
      await recordEvent('ProductCreated', { productId: product.id }, trx)
      return product
    })
    // After the commit, so no reader can cache the old listing again in between.
    await invalidateProducts([created.id])
    return created
  }
}
