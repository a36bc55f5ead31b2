import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'

/**
 * Where the demo catalog's drawn placeholder of a product is stored. It only
 * stands in for a photo: a photo uploaded later goes in front of it, so the
 * first photo of a product becomes its main picture.
 */
export function placeholderImageKey(productId: number) {
  return `products/${productId}/placeholder.webp`
}

/** The product's placeholder pictures (see placeholderImageKey). */
export async function placeholderImageIds(productId: number, trx: TransactionClientContract): Promise<number[]> {
  const rows = await trx.from('product_images').where('product_id', productId).where('storage_key', placeholderImageKey(productId)).select('id')
  return rows.map((row) => Number(row.id))
}

/** The position after a product's last picture. */
export async function nextImagePosition(productId: number, trx: TransactionClientContract) {
  const row = await trx.from('product_images').where('product_id', productId).max('position as last').first()
  return Number(row?.last ?? 0) + 1
}

/** A product's picture ids in display order (position, then id, as the storefront orders them). */
export async function imageIdsInOrder(productId: number, trx: TransactionClientContract): Promise<number[]> {
  const rows = await trx.from('product_images').where('product_id', productId).orderBy('position').orderBy('id').select('id')
  return rows.map((row) => Number(row.id))
}

/** Writes positions 1..n in the given order, touching only rows whose position changes. */
export async function writeImageOrder(productId: number, ids: number[], trx: TransactionClientContract) {
  const current = await trx.from('product_images').where('product_id', productId).select('id', 'position')
  const positionOf = new Map(current.map((row) => [Number(row.id), Number(row.position)]))
  const now = dbTimestamp(trx)
  for (const [index, id] of ids.entries()) {
    if (positionOf.get(id) === index + 1) continue
    await trx.from('product_images').where('id', id).where('product_id', productId).update({ position: index + 1, updated_at: now })
  }
}

/**
 * Serializes changes to one product's pictures: the product row is locked
 * until the transaction ends, so two reorders (or an upload and a reorder)
 * cannot interleave their position writes. SQLite has one writer anyway.
 * Answers false when the product does not exist.
 */
export async function lockProductImages(productId: number, trx: TransactionClientContract) {
  const query = trx.from('products').where('id', productId).select('id')
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return Boolean(await query.first())
}
