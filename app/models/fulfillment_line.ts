import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Fulfillment from '#models/fulfillment'
import OrderLine from '#models/order_line'

export default class FulfillmentLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fulfillmentId: number

  @column()
  declare orderLineId: number

  @column()
  declare quantity: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Fulfillment)
  declare fulfillment: BelongsTo<typeof Fulfillment>

  @belongsTo(() => OrderLine)
  declare orderLine: BelongsTo<typeof OrderLine>
}
