import CreateStaffUser, { type StaffActor } from '#actions/staff/create_staff_user'
import type { StaffOwnerPayload } from '#validators/staff_owner'

export { DuplicateStaffEmailError, generatePassword } from '#actions/staff/create_staff_user'

/** Creates a staff member with the owner role (every permission): first installs and `stockroom:create-owner`. */
export default class CreateOwner {
  handle(input: StaffOwnerPayload, actor: StaffActor = { type: 'cli' }) {
    return new CreateStaffUser().handle({ ...input, role: 'owner' }, actor)
  }
}
