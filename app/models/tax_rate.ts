import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { booleanColumn } from '#models/columns'

/** Tax for a destination. `rate` is basis points (2000 = 20 %); region '' covers the whole country. */
export default class TaxRate extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare countryCode: string

  @column()
  declare region: string

  @column()
  declare name: string

  @column()
  declare rate: number

  @column(booleanColumn)
  declare pricesIncludeTax: boolean

  @column(booleanColumn)
  declare shippingTaxable: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
