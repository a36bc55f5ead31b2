import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { extractCsrfToken, HttpAgent } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'

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

/**
 * Signed-in staff shared by the tests of one file, one per role: the login
 * route allows 10 attempts a minute per IP, and a file of many tests would
 * otherwise run into it. Rate limits are cleared before the file's first
 * sign-in, since other files sign in from the same IP in the same minute.
 */
export function staffPerRole() {
  const agents = new Map<StaffRole, ReturnType<typeof signedInStaff>>()
  return async function staffAs(role: StaffRole) {
    if (!agents.has(role)) {
      if (!agents.size) await clearRateLimits()
      agents.set(role, signedInStaff(role))
    }
    return agents.get(role)!
  }
}

/** A CSRF token from a page any signed-in staff member can open (the dashboard's sign-out form). */
export async function staffCsrfToken(agent: HttpAgent) {
  return extractCsrfToken((await agent.get('/admin')).text)!
}
