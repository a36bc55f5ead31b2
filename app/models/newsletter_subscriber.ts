import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Where a sign-up came from; shown to staff and sent to plugins with the event. */
export const NEWSLETTER_SOURCES = ['footer', 'account'] as const
export type NewsletterSource = (typeof NEWSLETTER_SOURCES)[number]

/**
 * One address on the newsletter list (app/actions/newsletter/). The email is
 * lower-cased; unsubscribing sets `unsubscribedAt` and keeps the row.
 */
export default class NewsletterSubscriber extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare source: string

  @column.dateTime()
  declare consentedAt: DateTime

  @column.dateTime()
  declare unsubscribedAt: DateTime | null

  @column({ serializeAs: null })
  declare unsubscribeToken: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get subscribed() {
    return this.unsubscribedAt === null
  }

  /** Whether an address is on the list now (a customer's account page shows and switches it). */
  static async isSubscribed(email: string) {
    const row = await this.query().where('email', email.trim().toLowerCase()).whereNull('unsubscribed_at').select('id').first()
    return row !== null
  }
}
