import hash from '@adonisjs/core/services/hash'
import type Customer from '#models/customer'

/** Constant-time check of a customer's password; false for rows without one. */
export async function passwordMatches(customer: Customer, password: string) {
  if (!customer.password) return false
  return hash.use('scrypt').verify(customer.password, password)
}
