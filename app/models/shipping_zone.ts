import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ShippingMethod from '#models/shipping_method'
import { jsonColumn } from '#models/columns'

/** Countries that share shipping methods. `["*"]` matches every country no other zone lists. */
export default class ShippingZone extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column(jsonColumn)
  declare countries: string[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => ShippingMethod, {
    foreignKey: 'zoneId',
    onQuery: (query) => query.orderBy('position').orderBy('id'),
  })
  declare methods: HasMany<typeof ShippingMethod>

  get isEverywhere(): boolean {
    return this.countries.includes('*')
  }
}
