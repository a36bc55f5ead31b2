import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type NotificationStatus = 'stored' | 'sent' | 'failed'
export const notificationStatuses: NotificationStatus[] = ['stored', 'sent', 'failed']

/** One email (or later, another channel's message) the plugin handled. */
export default class NotificationMessage extends BaseModel {
  static table = 'notification_messages'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare channel: 'email'

  @column()
  declare driver: string

  @column()
  declare fromAddress: string | null

  @column()
  declare toAddress: string

  @column()
  declare subject: string

  @column()
  declare html: string

  @column()
  declare text: string | null

  @column()
  declare template: string | null

  @column()
  declare idempotencyKey: string | null

  @column()
  declare status: NotificationStatus

  @column()
  declare providerMessageId: string | null

  @column()
  declare error: string | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
