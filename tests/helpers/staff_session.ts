import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { HttpAgent } from '#tests/helpers/http_agent'

export type StaffRole = 'owner' | 'admin' | 'catalog_manager' | 'fulfillment' | 'support' | 'analyst'

/** A new staff member with the given system role, signed in through the login form. */
export async function signedInStaff(role: StaffRole) {
  const staff = await StaffUserFactory.apply(role).create()
  const agent = new HttpAgent()
  const response = await agent.submit('/admin/login', '/admin/login', { email: staff.email, password: STAFF_PASSWORD })
  if (response.status !== 302) throw new Error(`Sign-in as ${role} failed: ${response.status}`)
  return { agent, staff }
}
