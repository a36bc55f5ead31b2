import CreateStaffUser from '#actions/staff/create_staff_user'
import { cliActor, type Actor } from '#services/actor'
import type { StaffOwnerPayload } from '#validators/staff_owner'

export { DuplicateStaffEmailError, generatePassword } from '#actions/staff/create_staff_user'

/** Creates a staff member with the owner role (every permission): first installs and `stockroom:create-owner`. */
export default class CreateOwner {
  handle(input: StaffOwnerPayload, actor: Actor = cliActor()) {
    return new CreateStaffUser().handle({ ...input, role: 'owner' }, actor)
  }
}
