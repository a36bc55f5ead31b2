import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Order from '#models/order'
import Refund from '#models/refund'

export default class Payment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  /** payment driver identifier: "manual", "stripe" */
  @column()
  declare provider: string

  @column()
  declare providerRef: string | null

  @column()
  declare amount: number

  @column()
  declare currency: string

  @column()
  declare status: string

  @column()
  declare idempotencyKey: string | null

  /** refunded so far, minor units (column added by the payments plugin) */
  @column()
  declare amountRefunded: number

  /** the provider's decline message of the last failed attempt */
  @column()
  declare failureReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Order)
  declare order: BelongsTo<typeof Order>

  @hasMany(() => Refund)
  declare refunds: HasMany<typeof Refund>
}
