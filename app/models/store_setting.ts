import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/columns'

/** One section of the store's settings; read it through #settings/store_settings, which adds defaults and caching. */
export default class StoreSetting extends BaseModel {
  static table = 'store_settings'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare key: string

  @column(jsonColumn)
  declare value: unknown

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
