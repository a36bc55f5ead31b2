import type Customer from '#models/customer'
import { passwordMatches } from '#accounts/customer_passwords'

/**
 * Replaces the password after checking the current one. The new hash
 * changes the session stamp: other sessions are signed out, and the caller
 * signs the current one in again. False when the current password is wrong.
 */
export default class ChangeCustomerPassword {
  async handle(customer: Customer, current: string, next: string): Promise<boolean> {
    if (!(await passwordMatches(customer, current))) return false
    customer.password = next
    await customer.save()
    return true
  }
}
