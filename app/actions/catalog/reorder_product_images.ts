import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { recordEvent } from '#plugin_host/outbox'
import { invalidateProducts } from '#catalog/catalog_cache'
import { imageIdsInOrder, lockProductImages, writeImageOrder } from '#catalog/product_image_order'

/** changed / unchanged, or `stale` when the order given no longer names the product's pictures (one was added or deleted meanwhile). */
export type ReorderOutcome = 'changed' | 'unchanged' | 'stale'

/**
 * Saves a product's pictures in a new order (the editor's drag and drop
 * sends the whole list; the first picture is the main one). Every change of
 * order goes through `arrange`, under a lock on the product, so concurrent
 * moves queue up; the change is audited and raises ProductUpdated.
 */
export default class ReorderProductImages {
  /** `imageIds`: each of the product's pictures exactly once, in the new order. */
  handle(productId: number, imageIds: number[], actor: Actor): Promise<ReorderOutcome> {
    return this.arrange(productId, (before) => (sameMembers(before, imageIds) ? imageIds : null), actor)
  }

  /** `arrange` gets the current order and answers the new one, or null when the request no longer fits it. */
  async arrange(productId: number, arrange: (before: number[]) => number[] | null, actor: Actor): Promise<ReorderOutcome> {
    const outcome = await db.transaction(async (trx): Promise<ReorderOutcome> => {
      await lockProductImages(productId, trx)
      const before = await imageIdsInOrder(productId, trx)
      const after = arrange(before)
      if (!after) return 'stale'
      if (after.every((id, index) => id === before[index])) return 'unchanged'
      await writeImageOrder(productId, after, trx)
      await recordAudit(
        { actor, action: 'product.images_reordered', subjectType: 'product', subjectId: productId, changes: { order: [before, after] } },
        trx
      )
      await recordEvent('ProductUpdated', { productId }, trx)
      return 'changed'
    })
    if (outcome === 'changed') await invalidateProducts([productId])
    return outcome
  }
}

function sameMembers(current: number[], given: number[]) {
  return current.length === given.length && new Set(given).size === given.length && given.every((id) => current.includes(id))
}
