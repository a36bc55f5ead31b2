import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Address from '#models/address'
import { dbTimestamp } from '#services/db_time'
import type { AddressInput } from '#validators/account'

/**
 * Creates an address in the customer's book, or updates one of theirs
 * (`addressId`; someone else's id is "not found", never a write). One
 * default shipping and one default billing address per customer: setting
 * a default clears the others in the same transaction. A first address
 * becomes both defaults. Answers null when `addressId` is not theirs.
 */
export default class SaveCustomerAddress {
  async handle(customerId: number, input: AddressInput, addressId?: number): Promise<Address | null> {
    return db.transaction(async (trx) => {
      let address: Address
      if (addressId) {
        const own = await Address.query({ client: trx }).where('id', addressId).where('customer_id', customerId).first()
        if (!own) return null
        address = own
      } else {
        address = new Address()
        address.useTransaction(trx)
        address.customerId = customerId
        const count = await trx.from('addresses').where('customer_id', customerId).count('* as total').first()
        if (Number(count?.total ?? 0) === 0) {
          input = { ...input, is_default_shipping: true, is_default_billing: true }
        }
      }
      address.merge({
        firstName: input.first_name,
        lastName: input.last_name,
        company: input.company || null,
        line1: input.line1,
        line2: input.line2 || null,
        city: input.city,
        region: input.region || null,
        postalCode: input.postal_code || null,
        countryCode: input.country_code,
        phone: input.phone || null,
        isDefaultShipping: Boolean(input.is_default_shipping),
        isDefaultBilling: Boolean(input.is_default_billing),
      })
      await address.save()
      await clearOtherDefaults(trx, customerId, address)
      return address
    })
  }
}

async function clearOtherDefaults(trx: TransactionClientContract, customerId: number, address: Address) {
  const now = dbTimestamp(trx)
  for (const column of ['is_default_shipping', 'is_default_billing'] as const) {
    const isDefault = column === 'is_default_shipping' ? address.isDefaultShipping : address.isDefaultBilling
    if (!isDefault) continue
    await trx.from('addresses').where('customer_id', customerId).whereNot('id', address.id).where(column, true).update({ [column]: false, updated_at: now })
  }
}
