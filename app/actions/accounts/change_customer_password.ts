import hash from '@adonisjs/core/services/hash'
import type Customer from '#models/customer'

/**
 * Replaces the password after checking the current one. The new hash
 * changes the session stamp: other sessions are signed out, and the caller
 * signs the current one in again. False when the current password is wrong.
 */
export async function changeCustomerPassword(customer: Customer, current: string, next: string): Promise<boolean> {
  if (!(await passwordMatches(customer, current))) return false
  customer.password = next
  await customer.save()
  return true
}

/** Constant-time check of a customer's password; false for rows without one. */
export async function passwordMatches(customer: Customer, password: string) {
  if (!customer.password) return false
  return hash.use('scrypt').verify(customer.password, password)
}
