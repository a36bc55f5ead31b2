import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import OutboxDelivery from '#models/outbox_delivery'
import { jsonColumn } from '#models/columns'

export default class OutboxEvent extends BaseModel {
  static table = 'outbox_events'

  @column({ isPrimary: true, consume: Number })
  declare id: number

  @column()
  declare name: string

  @column(jsonColumn)
  declare payload: Record<string, unknown>

  @column.dateTime()
  declare occurredAt: DateTime

  @column.dateTime()
  declare relayedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => OutboxDelivery, { foreignKey: 'eventId' })
  declare deliveries: HasMany<typeof OutboxDelivery>
}
