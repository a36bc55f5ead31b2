import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Product from '#models/product'
import Variant from '#models/variant'
import { jsonColumn } from '#models/columns'

export type ProductImageStatus = 'ready' | 'pending' | 'failed'

/** One resized copy of an image; `key` is its storage key. WebP unless `format` says AVIF. */
export interface ImageRendition {
  width: number
  height: number
  key: string
  bytes: number
  format?: 'avif'
}

/**
 * A product picture. `storageKey` is relative to the uploads dir (or bucket);
 * an imported image starts `pending` with only `sourceUrl` until a job fetches it.
 */
export default class ProductImage extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare variantId: number | null

  @column()
  declare storageKey: string | null

  @column()
  declare sourceUrl: string | null

  @column()
  declare alt: string | null

  @column()
  declare width: number | null

  @column()
  declare height: number | null

  @column()
  declare byteSize: number | null

  @column()
  declare mimeType: string | null

  @column()
  declare position: number

  @column()
  declare status: ProductImageStatus

  /** WebP copies at several widths, narrowest first, then AVIF ones once made; null for images stored before processing existed */
  @column(jsonColumn)
  declare renditions: ImageRendition[] | null

  /** why fetching or processing failed (status "failed") */
  @column()
  declare error: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>

  @belongsTo(() => Variant)
  declare variant: BelongsTo<typeof Variant>
}
