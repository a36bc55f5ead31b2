import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Product from '#models/product'
import ProductOptionValue from '#models/product_option_value'

/** An option axis of a product ("Size", "Color"); position 1..3 maps to variant.option1..3. */
export default class ProductOption extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare name: string

  @column()
  declare position: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>

  @hasMany(() => ProductOptionValue, {
    foreignKey: 'optionId',
    onQuery: (query) => query.orderBy('position').orderBy('id'),
  })
  declare values: HasMany<typeof ProductOptionValue>
}
