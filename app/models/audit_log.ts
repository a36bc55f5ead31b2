import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/columns'

/** Who did what to which record, for staff actions. Append-only. */
export default class AuditLog extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  /** "staff", "system", "cli", "plugin:<name>" */
  @column()
  declare actorType: string

  @column()
  declare actorId: number | null

  /** "product.updated", "order.refunded" */
  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  /** { field: [before, after] } */
  @column(jsonColumn)
  declare changes: Record<string, unknown> | null

  @column()
  declare ip: string | null

  @column()
  declare userAgent: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
