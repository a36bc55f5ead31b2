import { inject } from '@adonisjs/core'
import CreateStaffUser from '#actions/staff/create_staff_user'
import { cliActor, type Actor } from '#services/actor'
import type { StaffOwnerPayload } from '#validators/staff_owner'

export { DuplicateStaffEmailError, generatePassword } from '#actions/staff/create_staff_user'

/** Creates a staff member with the owner role (every permission): first installs and `stockroom:create-owner`. */
@inject()
export default class CreateOwner {
  constructor(private createStaffUser: CreateStaffUser) {}

  handle(input: StaffOwnerPayload, actor: Actor = cliActor()) {
    return this.createStaffUser.handle({ ...input, role: 'owner' }, actor)
  }
}
