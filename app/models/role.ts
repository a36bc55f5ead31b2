import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import StaffUser from '#models/staff_user'
import { booleanColumn, jsonColumn } from '#models/columns'

export default class Role extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare slug: string

  @column()
  declare name: string

  /** permission strings such as "orders.refund"; "*" grants all */
  @column(jsonColumn)
  declare permissions: string[]

  @column(booleanColumn)
  declare isSystem: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => StaffUser)
  declare staffUsers: HasMany<typeof StaffUser>

  /** True when the role grants `permission`, directly, by "*" or by an "area.*" wildcard. */
  allows(permission: string) {
    const granted = this.permissions ?? []
    const area = permission.split('.')[0]
    return granted.includes('*') || granted.includes(permission) || granted.includes(`${area}.*`)
  }
}
