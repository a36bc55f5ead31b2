import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import Address from '#models/address'
import Order from '#models/order'
import { booleanColumn } from '#models/columns'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/** A shopper. Guests who check out get a row without a password. */
export default class Customer extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string

  @column()
  declare firstName: string | null

  @column()
  declare lastName: string | null

  @column()
  declare phone: string | null

  @column({ serializeAs: null })
  declare password: string | null

  /** Whether the shopper signed up; a guest's row (made at checkout) has no password. */
  get hasAccount() {
    return Boolean(this.password)
  }

  @column(booleanColumn)
  declare acceptsMarketing: boolean

  @column.dateTime()
  declare emailVerifiedAt: DateTime | null

  /** set when personal data was erased on request; the row stays for order history */
  @column.dateTime()
  declare anonymizedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Address)
  declare addresses: HasMany<typeof Address>

  @hasMany(() => Order)
  declare orders: HasMany<typeof Order>

  get fullName(): string {
    return [this.firstName, this.lastName].filter(Boolean).join(' ')
  }
}
