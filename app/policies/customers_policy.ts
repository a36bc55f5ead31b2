import type StaffUser from '#models/staff_user'
import { AreaPolicy } from '#policies/area_policy'

/** Customers in the back-office: their pages, tags and notes. */
export default class CustomersPolicy extends AreaPolicy {
  static rules = {
    read: { anyOf: ['customers.read'], refusal: 'Customers need the customers.read permission. Ask a store owner.' },
    write: {
      anyOf: ['customers.write'],
      refusal: 'Editing customer tags and notes needs the customers.write permission. Ask a store owner.',
    },
  } as const

  read(staff: StaffUser) {
    return this.require(staff, CustomersPolicy.rules.read)
  }

  write(staff: StaffUser) {
    return this.require(staff, CustomersPolicy.rules.write)
  }
}
