import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import StaffUser from '#models/staff_user'
import StaffInvitation from '#models/staff_invitation'
import Role from '#models/role'
import AuditLog from '#models/audit_log'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { latestEmail, uniqueEmail } from '#tests/helpers/accounts'
import { hashInviteToken } from '#staff/invite_tokens'
import { dbTimestamp } from '#services/db_time'
import { clearRateLimits } from '#tests/helpers/rate_limits'

async function roleId(slug: string) {
  return (await Role.findByOrFail('slug', slug)).id
}

/** The token in the newest invitation email to `email`. */
async function inviteToken(email: string) {
  const message = await latestEmail(email, 'staff_invite')
  const match = /\/admin\/invitations\/([A-Za-z0-9_-]{43})/.exec(message?.text ?? '')
  if (!match) throw new Error(`no invitation link emailed to ${email}`)
  return match[1]
}

async function accept(token: string, form: Record<string, string>) {
  const agent = new HttpAgent()
  const response = await agent.submit(`/admin/invitations/${token}`, `/admin/invitations/${token}`, form)
  return { agent, response }
}

test.group('Admin | staff accounts and invitations', (group) => {
  group.each.setup(() => clearRateLimits())

  test('invite by email, accept once with a name and password, signed in with the invited role', async ({ assert }) => {
    const { agent, staff: owner } = await signedInStaff('owner')
    const email = uniqueEmail('invitee')
    const sent = await agent.submit('/admin/staff/invite', '/admin/staff/invitations', { email: email.toUpperCase(), roleId: String(await roleId('support')) })
    assert.equal(sent.status, 303)
    const invitation = await StaffInvitation.findByOrFail('email', email)
    const token = await inviteToken(email)
    assert.equal(invitation.tokenHash, hashInviteToken(token), 'only the hash is stored')
    assert.notInclude(JSON.stringify(invitation.$attributes), token)
    assert.include((await agent.get('/admin/staff')).text, `id="invitation-${invitation.id}"`)

    const mismatch = await accept(token, { fullName: 'New Person', password: 'long enough password', passwordConfirmation: 'other' })
    assert.equal(mismatch.response.status, 422)
    const { agent: invitee, response } = await accept(token, { fullName: 'New Person', password: 'long enough password', passwordConfirmation: 'long enough password' })
    assert.equal(response.status, 303)
    assert.equal(response.location, '/admin')
    const created = await StaffUser.findByOrFail('email', email)
    assert.equal(created.roleId, await roleId('support'))
    assert.equal(created.fullName, 'New Person')
    assert.equal((await invitee.get('/admin/orders')).status, 200)
    assert.equal((await invitee.get('/admin/discounts')).status, 403)

    // the link is spent
    const again = await new HttpAgent().get(`/admin/invitations/${token}`)
    assert.equal(again.status, 410)
    const audit = await AuditLog.query().where('action', 'staff.invited').where('subject_id', String(invitation.id)).firstOrFail()
    assert.equal(audit.actorId, owner.id)
    assert.deepEqual(audit.changes, { email: [null, email], role: [null, 'support'] })
    assert.exists(await AuditLog.query().where('action', 'staff.invite_accepted').where('subject_id', String(created.id)).first())
  })

  test('expired, revoked and resent links stop working; a resend sends a new one', async ({ assert }) => {
    const { agent } = await signedInStaff('admin')
    const email = uniqueEmail('resend')
    await agent.submit('/admin/staff/invite', '/admin/staff/invitations', { email, roleId: String(await roleId('analyst')) })
    const first = await inviteToken(email)
    const invitation = await StaffInvitation.findByOrFail('email', email)

    assert.equal((await agent.submit('/admin/staff', `/admin/staff/invitations/${invitation.id}/resend`, {})).status, 303)
    const second = await inviteToken(email)
    assert.notEqual(first, second)
    assert.equal((await new HttpAgent().get(`/admin/invitations/${first}`)).status, 410)
    assert.equal((await new HttpAgent().get(`/admin/invitations/${second}`)).status, 200)

    await db.from('staff_invitations').where('id', invitation.id).update({ expires_at: dbTimestamp(db.connection(), invitation.expiresAt.minus({ days: 10 }) as DateTime<true>) })
    assert.equal((await new HttpAgent().get(`/admin/invitations/${second}`)).status, 410)

    await agent.submit('/admin/staff', `/admin/staff/invitations/${invitation.id}/resend`, {})
    const third = await inviteToken(email)
    assert.equal((await agent.submit('/admin/staff', `/admin/staff/invitations/${invitation.id}/revoke`, {})).status, 303)
    const revoked = await accept(third, { fullName: 'X', password: 'long enough password', passwordConfirmation: 'long enough password' }).catch(() => null)
    assert.isNull(revoked, 'the revoked page has no form to submit')
    const AcceptStaffInvite = (await import('#actions/staff/accept_staff_invite')).default
    assert.isNull(await new AcceptStaffInvite().handle(third, { fullName: 'X', password: 'long enough password' }, {}))
    assert.isNull(await StaffUser.findBy('email', email))
    assert.exists(await AuditLog.query().where('action', 'staff.invite_revoked').where('subject_id', String(invitation.id)).first())
  })

  test('an admin cannot invite owners or touch an owner; nobody hands out a role above their own', async ({ assert }) => {
    const { agent } = await signedInStaff('admin')
    const owner = await StaffUserFactory.apply('owner').create()
    const refused = await agent.submit('/admin/staff/invite', '/admin/staff/invitations', { email: uniqueEmail('x'), roleId: String(await roleId('owner')) })
    assert.equal(refused.status, 422)
    const csrf = await agent.csrfTokenFrom('/admin/staff')
    assert.equal((await agent.post(`/admin/staff/${owner.id}/deactivate`, { _csrf: csrf })).status, 403)
    assert.equal((await agent.request('PUT', `/admin/staff/${owner.id}/role`, { form: { _csrf: csrf, roleId: String(await roleId('analyst')) } })).status, 403)
    await owner.refresh()
    assert.isTrue(owner.isActive)
  })

  test('change role and deactivate: audited, and a deactivated member is signed out at once', async ({ assert }) => {
    const { agent, staff: owner } = await signedInStaff('owner')
    const member = await signedInStaff('catalog_manager')
    assert.equal((await member.agent.get('/admin/products')).status, 200)

    const changed = await agent.request('PUT', `/admin/staff/${member.staff.id}/role`, { form: { _csrf: await agent.csrfTokenFrom('/admin/staff'), roleId: String(await roleId('fulfillment')) } })
    assert.equal(changed.status, 303)
    const roleAudit = await AuditLog.query().where('action', 'staff.role_changed').where('subject_id', String(member.staff.id)).firstOrFail()
    assert.deepEqual(roleAudit.changes, { role: ['catalog_manager', 'fulfillment'] })
    assert.equal(roleAudit.actorId, owner.id)
    assert.isNotNull(roleAudit.ip)

    assert.equal((await agent.submit('/admin/staff', `/admin/staff/${member.staff.id}/deactivate`, {})).status, 303)
    const after = await member.agent.get('/admin/orders')
    assert.equal(after.status, 302)
    assert.match(after.location ?? '', /^\/admin\/login/)
    const signIn = await new HttpAgent().submit('/admin/login', '/admin/login', { email: member.staff.email, password: STAFF_PASSWORD })
    assert.notEqual(signIn.location, '/admin')
    const audit = await AuditLog.query().where('action', 'staff.deactivated').where('subject_id', String(member.staff.id)).firstOrFail()
    assert.deepEqual(audit.changes, { isActive: [true, false] })
  })

  test('the last active owner cannot be demoted or deactivated', async ({ assert }) => {
    const ownerRole = await roleId('owner')
    // make this test's owners the only active ones
    await db.from('staff_users').where('role_id', ownerRole).update({ is_active: false })
    const first = await signedInStaff('owner')
    const second = await signedInStaff('owner')

    assert.equal((await first.agent.submit('/admin/staff', `/admin/staff/${second.staff.id}/deactivate`, {})).status, 303)
    await second.staff.refresh()
    assert.isFalse(second.staff.isActive)

    // first is now the last owner; a second owner account that is inactive does not count
    const setStaffActive = await app.container.make((await import('#actions/staff/set_staff_active')).default)
    const changeStaffRole = await app.container.make((await import('#actions/staff/change_staff_role')).default)
    await assert.rejects(() => setStaffActive.handle(first.staff.id, false, { type: 'system' }), /last active owner/)
    const adminRole = await roleId('admin')
    await assert.rejects(() => changeStaffRole.handle(first.staff.id, adminRole, { type: 'system' }), /last active owner/)
    await first.staff.refresh()
    assert.isTrue(first.staff.isActive)
    assert.equal(first.staff.roleId, ownerRole)

    // the page offers no button on one's own row
    const page = await first.agent.get('/admin/staff')
    assert.notInclude(new RegExp(`id="staff-${first.staff.id}"[\\s\\S]*?</tr>`).exec(page.text)![0], 'Deactivate', 'nobody changes their own account')
  })

  test('two owners demoting each other at once: one succeeds, one owner remains', async ({ assert }) => {
    const ownerRole = await roleId('owner')
    await db.from('staff_users').where('role_id', ownerRole).update({ is_active: false })
    const [a, b] = await StaffUserFactory.apply('owner').createMany(2)
    const changeStaffRole = await app.container.make((await import('#actions/staff/change_staff_role')).default)
    const adminRole = await roleId('admin')
    const results = await Promise.allSettled([
      changeStaffRole.handle(a.id, adminRole, { type: 'staff', id: b.id }),
      changeStaffRole.handle(b.id, adminRole, { type: 'staff', id: a.id }),
    ])
    assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected'])
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
    assert.match(refused.reason.message, /last active owner/)
    const owners = await StaffUser.query().where('role_id', ownerRole).where('is_active', true)
    assert.lengthOf(owners, 1)
  })

  test('accepting invitations is rate limited per IP', async ({ assert }) => {
    const agent = new HttpAgent()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 12; attempt++) statuses.push((await agent.get(`/admin/invitations/${'a'.repeat(43)}`)).status)
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(410))
    assert.equal(statuses[11], 429)
  })
})
