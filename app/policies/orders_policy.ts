import type StaffUser from '#models/staff_user'
import { AreaPolicy } from '#policies/area_policy'

/**
 * Orders in the back-office. `work` is for what anyone who handles orders
 * (ships or refunds) may do: notes, tags, the address, resending emails;
 * read-only roles may not.
 */
export default class OrdersPolicy extends AreaPolicy {
  static rules = {
    read: { anyOf: ['orders.read'], refusal: 'Orders need the orders.read permission. Ask a store owner.' },
    refund: { anyOf: ['orders.refund'], refusal: 'Refunding or cancelling orders needs the orders.refund permission. Ask a store owner.' },
    fulfill: { anyOf: ['orders.fulfill'], refusal: 'Fulfilling orders needs the orders.fulfill permission. Ask a store owner.' },
    work: {
      anyOf: ['orders.fulfill', 'orders.refund'],
      refusal: 'Changing orders needs the orders.fulfill or orders.refund permission. Ask a store owner.',
    },
  } as const

  read(staff: StaffUser) {
    return this.require(staff, OrdersPolicy.rules.read)
  }

  refund(staff: StaffUser) {
    return this.require(staff, OrdersPolicy.rules.refund)
  }

  fulfill(staff: StaffUser) {
    return this.require(staff, OrdersPolicy.rules.fulfill)
  }

  work(staff: StaffUser) {
    return this.require(staff, OrdersPolicy.rules.work)
  }
}
