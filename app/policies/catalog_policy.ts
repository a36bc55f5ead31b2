import type StaffUser from '#models/staff_user'
import { AreaPolicy } from '#policies/area_policy'

/** Products, variants, images and collections in the back-office. */
export default class CatalogPolicy extends AreaPolicy {
  static rules = {
    read: { anyOf: ['catalog.read'], refusal: 'The catalog needs the catalog.read permission. Ask a store owner.' },
    write: { anyOf: ['catalog.write'], refusal: 'Changing the catalog needs the catalog.write permission. Ask a store owner.' },
  } as const

  read(staff: StaffUser) {
    return this.require(staff, CatalogPolicy.rules.read)
  }

  write(staff: StaffUser) {
    return this.require(staff, CatalogPolicy.rules.write)
  }
}
