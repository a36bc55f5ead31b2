import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Role from '#models/role'
import StaffUser from '#models/staff_user'

/** An emailed invitation to join the back-office with a role; the token itself is never stored. */
export default class StaffInvitation extends BaseModel {
  static table = 'staff_invitations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare roleId: number

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedById: number | null

  @column()
  declare staffUserId: number | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Role)
  declare role: BelongsTo<typeof Role>

  @belongsTo(() => StaffUser, { foreignKey: 'invitedById' })
  declare invitedBy: BelongsTo<typeof StaffUser>

  /** pending (usable), accepted, revoked or expired */
  get state(): 'pending' | 'accepted' | 'revoked' | 'expired' {
    if (this.acceptedAt) return 'accepted'
    if (this.revokedAt) return 'revoked'
    if (this.expiresAt <= DateTime.now()) return 'expired'
    return 'pending'
  }
}
