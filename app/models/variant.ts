import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Product from '#models/product'
import ProductImage from '#models/product_image'
import { booleanColumn } from '#models/columns'

export type InventoryPolicy = 'deny' | 'continue'

/** A purchasable version of a product. Prices are integer minor units of `currency`. */
export default class Variant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare sku: string | null

  @column()
  declare title: string

  @column({ columnName: 'option1' })
  declare option1: string | null

  @column({ columnName: 'option2' })
  declare option2: string | null

  @column({ columnName: 'option3' })
  declare option3: string | null

  @column()
  declare price: number

  @column()
  declare compareAtPrice: number | null

  @column()
  declare cost: number | null

  @column()
  declare currency: string

  @column()
  declare weightGrams: number | null

  @column()
  declare barcode: string | null

  @column(booleanColumn)
  declare taxable: boolean

  @column(booleanColumn)
  declare requiresShipping: boolean

  @column(booleanColumn)
  declare trackInventory: boolean

  /** "deny" refuses to sell past available stock; "continue" allows backorders */
  @column()
  declare inventoryPolicy: InventoryPolicy

  @column()
  declare position: number

  @column()
  declare imageId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>

  @belongsTo(() => ProductImage, { foreignKey: 'imageId' })
  declare image: BelongsTo<typeof ProductImage>

  /** Option values in order, without the empty ones. */
  get optionValues(): string[] {
    return [this.option1, this.option2, this.option3].filter((value): value is string => Boolean(value))
  }

  get isOnSale(): boolean {
    return this.compareAtPrice !== null && this.compareAtPrice > this.price
  }
}
