import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { booleanColumn } from '#models/columns'

export type DiscountKind = 'percentage' | 'fixed_amount' | 'free_shipping'
export const DISCOUNT_KINDS: DiscountKind[] = ['percentage', 'fixed_amount', 'free_shipping']

/**
 * A discount code. `value` is basis points for percentages (1250 = 12.5 %)
 * and minor units of `currency` for fixed amounts. `usageCount` changes only
 * through claimDiscountUsage / releaseDiscountUsage.
 */
export default class Discount extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare kind: DiscountKind

  @column()
  declare value: number

  @column()
  declare currency: string

  @column()
  declare minimumSubtotal: number | null

  @column.dateTime()
  declare startsAt: DateTime | null

  @column.dateTime()
  declare endsAt: DateTime | null

  @column()
  declare usageLimit: number | null

  @column()
  declare usageCount: number

  @column()
  declare perCustomerLimit: number | null

  @column(booleanColumn)
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
