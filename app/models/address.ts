import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Customer from '#models/customer'
import { booleanColumn } from '#models/columns'
import type { OrderAddress } from '#models/order'

export default class Address extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare customerId: number

  @column()
  declare firstName: string | null

  @column()
  declare lastName: string | null

  @column()
  declare company: string | null

  @column({ columnName: 'line1' })
  declare line1: string

  @column({ columnName: 'line2' })
  declare line2: string | null

  @column()
  declare city: string

  @column()
  declare region: string | null

  @column()
  declare postalCode: string | null

  /** ISO 3166-1 alpha-2, upper case */
  @column()
  declare countryCode: string

  @column()
  declare phone: string | null

  @column(booleanColumn)
  declare isDefaultShipping: boolean

  @column(booleanColumn)
  declare isDefaultBilling: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Customer)
  declare customer: BelongsTo<typeof Customer>

  /** The address as an order keeps it: a snapshot, independent of later edits. */
  toOrderAddress(): OrderAddress {
    return {
      firstName: this.firstName,
      lastName: this.lastName,
      company: this.company,
      line1: this.line1,
      line2: this.line2,
      city: this.city,
      region: this.region,
      postalCode: this.postalCode,
      countryCode: this.countryCode,
      phone: this.phone,
    }
  }
}
