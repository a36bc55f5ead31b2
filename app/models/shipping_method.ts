import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import ShippingZone from '#models/shipping_zone'
import { booleanColumn, jsonColumn } from '#models/columns'

export type ShippingMethodKind = 'flat' | 'weight' | 'free_over'
export const SHIPPING_METHOD_KINDS: ShippingMethodKind[] = ['flat', 'weight', 'free_over']

/** A weight band: parcels up to `upToGrams` cost `amount` (minor units). */
export interface WeightTier {
  upToGrams: number
  amount: number
}

/** One way to ship to a zone. Amounts are minor units of the store currency. */
export default class ShippingMethod extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare zoneId: number

  @column()
  declare name: string

  @column()
  declare kind: ShippingMethodKind

  @column()
  declare amount: number

  @column(jsonColumn)
  declare weightTiers: WeightTier[] | null

  @column()
  declare perKgAmount: number | null

  @column()
  declare freeOverAmount: number | null

  @column()
  declare description: string | null

  @column()
  declare position: number

  @column(booleanColumn)
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ShippingZone, { foreignKey: 'zoneId' })
  declare zone: BelongsTo<typeof ShippingZone>
}
