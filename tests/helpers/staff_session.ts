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

/** A new staff member with the given system role, signed in through the login form of a browser page. */
export async function signInInBrowser(page: import('playwright-core').Page, role: StaffRole) {
  const staff = await StaffUserFactory.apply(role).create()
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(staff.email)
  await page.getByLabel('Password').fill(STAFF_PASSWORD)
  await Promise.all([page.waitForURL('**/admin'), page.getByRole('button', { name: 'Sign in' }).click()])
  return staff
}
