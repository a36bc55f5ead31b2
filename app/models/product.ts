import { DateTime } from 'luxon'
import { BaseModel, column, hasMany, manyToMany, scope } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import Variant from '#models/variant'
import ProductImage from '#models/product_image'
import ProductOption from '#models/product_option'
import ProductTag from '#models/product_tag'
import Collection from '#models/collection'

export type ProductStatus = 'draft' | 'active' | 'archived'
export const PRODUCT_STATUSES: ProductStatus[] = ['draft', 'active', 'archived']

export default class Product extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare handle: string

  @column()
  declare title: string

  /** sanitized HTML; never render user input here unsanitized */
  @column()
  declare descriptionHtml: string | null

  @column()
  declare vendor: string | null

  @column()
  declare productType: string | null

  @column()
  declare status: ProductStatus

  @column()
  declare seoTitle: string | null

  @column()
  declare seoDescription: string | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  /** bumped on every edit; a save with a stale version is a conflict */
  @column()
  declare lockVersion: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Variant, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare variants: HasMany<typeof Variant>

  @hasMany(() => ProductImage, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare images: HasMany<typeof ProductImage>

  @hasMany(() => ProductOption, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare options: HasMany<typeof ProductOption>

  @hasMany(() => ProductTag, { onQuery: (query) => query.orderBy('tag') })
  declare tags: HasMany<typeof ProductTag>

  @manyToMany(() => Collection, {
    pivotTable: 'collection_products',
    pivotColumns: ['position'],
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
  })
  declare collections: ManyToMany<typeof Collection>

  /** Products a shopper may see. */
  static active = scope((query) => {
    query.where('status', 'active')
  })

  /** Tag strings, from the preloaded relation. */
  get tagList(): string[] {
    return (this.$preloaded.tags as ProductTag[] | undefined)?.map((tag) => tag.tag) ?? []
  }

  /**
   * Replaces the product's tags with `tags` (trimmed, case-insensitively
   * de-duplicated), inside the product's transaction if it has one.
   */
  async syncTags(tags: string[]) {
    const unique = new Map<string, string>()
    for (const raw of tags) {
      const tag = raw.trim()
      if (tag && !unique.has(tag.toLowerCase())) unique.set(tag.toLowerCase(), tag)
    }
    const client = this.$trx ?? ProductTag.query().client
    await client.from('product_tags').where('product_id', this.id).delete()
    if (unique.size) {
      await ProductTag.createMany(
        [...unique.values()].map((tag) => ({ productId: this.id, tag })),
        { client }
      )
    }
  }
}
