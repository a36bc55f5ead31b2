import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Customer from '#models/customer'
import CartLine from '#models/cart_line'

/** A shopper's basket, found by its `token` cookie. Totals are computed, never stored. */
export default class Cart extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare token: string

  @column()
  declare customerId: number | null

  @column()
  declare currency: string

  /** code the shopper entered; validated again on every pricing */
  @column()
  declare discountCode: string | null

  @column()
  declare email: string | null

  /** destination for the shipping and tax estimate */
  @column()
  declare shippingCountry: string | null

  @column()
  declare shippingRegion: string | null

  @column()
  declare shippingPostalCode: string | null

  @column()
  declare shippingMethodId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Customer)
  declare customer: BelongsTo<typeof Customer>

  @hasMany(() => CartLine, { onQuery: (query) => query.orderBy('id') })
  declare lines: HasMany<typeof CartLine>
}
