import Role from '#models/role'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { HttpAgent } from '#tests/helpers/http_agent'

/** A new staff member with the given system role, signed in through the login form. */
export async function signedInStaff(role: string) {
  // merge, not .apply(role): the state reads roles outside the factory's transaction
  const { id } = await Role.findByOrFail('slug', role)
  const staff = await StaffUserFactory.merge({ roleId: id }).create()
  const agent = new HttpAgent()
  const response = await agent.submit('/admin/login', '/admin/login', { email: staff.email, password: STAFF_PASSWORD })
  if (response.status !== 302) throw new Error(`Sign-in as ${role} failed: ${response.status}`)
  return { agent, staff }
}
