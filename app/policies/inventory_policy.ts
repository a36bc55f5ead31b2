import type StaffUser from '#models/staff_user'
import { AreaPolicy } from '#policies/area_policy'

/** Stock levels, adjustments, transfers and locations (the inventory plugin's pages ask here). */
export default class InventoryPolicy extends AreaPolicy {
  static rules = {
    read: { anyOf: ['inventory.read'], refusal: 'Stock needs the inventory.read permission. Ask a store owner.' },
    write: {
      anyOf: ['inventory.write'],
      refusal: 'Adjusting or moving stock needs the inventory.write permission. Ask a store owner.',
    },
  } as const

  read(staff: StaffUser) {
    return this.require(staff, InventoryPolicy.rules.read)
  }

  write(staff: StaffUser) {
    return this.require(staff, InventoryPolicy.rules.write)
  }
}
