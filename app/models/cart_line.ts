import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Cart from '#models/cart'
import Variant from '#models/variant'

export default class CartLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cartId: number

  @column()
  declare variantId: number

  @column()
  declare quantity: number

  /** price seen when added, to tell the shopper when it changed */
  @column()
  declare unitPriceAtAdd: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Cart)
  declare cart: BelongsTo<typeof Cart>

  @belongsTo(() => Variant)
  declare variant: BelongsTo<typeof Variant>
}
