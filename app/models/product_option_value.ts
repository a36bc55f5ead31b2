import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import ProductOption from '#models/product_option'

export default class ProductOptionValue extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare optionId: number

  @column()
  declare value: string

  @column()
  declare position: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ProductOption, { foreignKey: 'optionId' })
  declare option: BelongsTo<typeof ProductOption>
}
