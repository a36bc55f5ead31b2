import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { recordEvent } from '#plugin_host/outbox'
import { invalidateProducts } from '#catalog/catalog_cache'
import { imageIdsInOrder, lockProductImages, writeImageOrder } from '#catalog/product_image_order'

export type ImageMove = 'up' | 'down' | 'first'

/**
 * Moves one picture a place up or down, or to the front (the first picture
 * is the product's main one, on cards and in search results). Positions are
 * renumbered 1..n under a lock on the product, so concurrent moves queue up
 * instead of leaving two pictures on the same position. Answers whether the
 * order changed (moving the first picture up does nothing).
 */
export default class MoveProductImage {
  async handle(productId: number, imageId: number, move: ImageMove, actor: Actor) {
    const changed = await db.transaction(async (trx) => {
      await lockProductImages(productId, trx)
      const before = await imageIdsInOrder(productId, trx)
      const index = before.indexOf(imageId)
      if (index === -1) return null
      const target = move === 'first' ? 0 : move === 'up' ? Math.max(0, index - 1) : Math.min(before.length - 1, index + 1)
      if (target === index) return false
      const after = before.filter((id) => id !== imageId)
      after.splice(target, 0, imageId)
      await writeImageOrder(productId, after, trx)
      await recordAudit(
        { actor, action: 'product.images_reordered', subjectType: 'product', subjectId: productId, changes: { order: [before, after] } },
        trx
      )
      await recordEvent('ProductUpdated', { productId }, trx)
      return true
    })
    if (changed) await invalidateProducts([productId])
    return changed
  }
}
