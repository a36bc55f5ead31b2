import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** outbox: `stored`; sending drivers: `sending` (claimed) then `sent` or `failed` */
export type NotificationStatus = 'stored' | 'sending' | 'sent' | 'failed'
export const notificationStatuses: NotificationStatus[] = ['stored', 'sending', 'sent', 'failed']

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

  /** a sending driver's claim: nobody else sends this message before then (epoch ms) */
  @column({ consume: (value) => (value === null || value === undefined ? null : Number(value)) })
  declare lockedUntilMs: number | null

  /** the customer the message is about (account and order emails), for erasure */
  @column()
  declare customerId: number | null

  /** the recipient and contents were erased at the customer's request */
  @column.dateTime()
  declare erasedAt: DateTime | null

  /** provider calls made for this message */
  @column()
  declare attempts: number

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
