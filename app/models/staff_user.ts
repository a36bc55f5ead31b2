import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Role from '#models/role'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class StaffUser extends compose(BaseModel, AuthFinder) {
  static table = 'staff_users'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare fullName: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare roleId: number | null

  @column({ consume: (value) => Boolean(value) })
  declare isActive: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Role)
  declare role: BelongsTo<typeof Role>

  /**
   * Whether this staff member may do `permission` ("orders.refund").
   * Loads the role on first use; an inactive account or one without a role may do nothing.
   */
  async can(permission: string): Promise<boolean> {
    if (this.isActive === false || !this.roleId) return false
    const user: StaffUser = this
    if (!user.role || user.role.id !== user.roleId) await user.load('role')
    return user.role?.allows(permission) ?? false
  }
}
