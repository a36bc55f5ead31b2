import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import OutboxEvent from '#models/outbox_event'

export type DeliveryStatus = 'pending' | 'running' | 'delivered' | 'retrying' | 'failed'

export default class OutboxDelivery extends BaseModel {
  static table = 'outbox_deliveries'

  @column({ isPrimary: true, consume: Number })
  declare id: number

  @column({ consume: Number })
  declare eventId: number

  @column()
  declare listener: string

  @column()
  declare status: DeliveryStatus

  @column()
  declare attempts: number

  @column()
  declare maxAttempts: number

  @column()
  declare retriesRequested: number

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => OutboxEvent, { foreignKey: 'eventId' })
  declare event: BelongsTo<typeof OutboxEvent>
}
