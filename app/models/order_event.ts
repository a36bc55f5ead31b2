import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Order from '#models/order'
import { jsonColumn } from '#models/columns'

/** One entry of an order's timeline: a status transition or a note. Append-only. */
export default class OrderEvent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare type: string

  @column()
  declare fromStatus: string | null

  @column()
  declare toStatus: string | null

  @column(jsonColumn)
  declare data: Record<string, unknown> | null

  @column()
  declare actor: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Order)
  declare order: BelongsTo<typeof Order>
}
