import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/columns'

/** A plugin setting edited in admin; overrides the value from config/plugins.ts. */
export default class PluginSetting extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare plugin: string

  @column()
  declare key: string

  @column(jsonColumn)
  declare value: unknown

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
