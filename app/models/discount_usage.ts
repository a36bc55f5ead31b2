import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Discount from '#models/discount'

/** One order's use of a discount code; `releasedAt` is set when the order was cancelled. */
export default class DiscountUsage extends BaseModel {
  static updatedAt = false

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare discountId: number

  @column()
  declare orderId: number

  @column()
  declare customerId: number | null

  @column()
  declare email: string | null

  @column()
  declare customerKey: string | null

  @column.dateTime()
  declare releasedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Discount)
  declare discount: BelongsTo<typeof Discount>
}
