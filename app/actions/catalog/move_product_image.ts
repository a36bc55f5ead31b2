import { inject } from '@adonisjs/core'
import type { Actor } from '#services/actor'
import ReorderProductImages from '#actions/catalog/reorder_product_images'

export type ImageMove = 'up' | 'down' | 'first'

/**
 * Moves one picture a place up or down, or to the front (the first picture
 * is the product's main one, on cards and in search results): the editor's
 * buttons, which work without JavaScript and from the keyboard. Answers
 * whether the order changed (moving the first picture up does nothing), or
 * null when the picture is not the product's.
 */
@inject()
export default class MoveProductImage {
  constructor(protected reorder: ReorderProductImages) {}

  async handle(productId: number, imageId: number, move: ImageMove, actor: Actor) {
    const outcome = await this.reorder.arrange(
      productId,
      (before) => {
        const index = before.indexOf(imageId)
        if (index === -1) return null
        const target = move === 'first' ? 0 : move === 'up' ? Math.max(0, index - 1) : Math.min(before.length - 1, index + 1)
        const after = before.filter((id) => id !== imageId)
        after.splice(target, 0, imageId)
        return after
      },
      actor
    )
    return outcome === 'stale' ? null : outcome === 'changed'
  }
}
