import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import StaffUser from '#models/staff_user'
import StaffInvitation from '#models/staff_invitation'
import Role from '#models/role'
import InviteStaff from '#actions/staff/invite_staff'
import ResendStaffInvite from '#actions/staff/resend_staff_invite'
import RevokeStaffInvite from '#actions/staff/revoke_staff_invite'
import ChangeStaffRole from '#actions/staff/change_staff_role'
import SetStaffActive from '#actions/staff/set_staff_active'
import { StaffRuleError } from '#staff/staff_rules'
import { inviteStaffValidator, recordIdValidator, staffRoleValidator } from '#validators/staff_admin'
import { staffActor } from '#services/actor'
import { fieldErrors } from '#controllers/admin/form_errors'
import app from '@adonisjs/core/services/app'

const LIST_PATH = '/admin/staff'

/** Admin › Staff: accounts and pending invitations; invite, change role, deactivate. */
export default class StaffController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('StaffPolicy').authorize('manage')
    const [staff, invitations, roles] = await Promise.all([
      StaffUser.query().preload('role').orderBy('is_active', 'desc').orderBy('full_name'),
      StaffInvitation.query().whereNull('accepted_at').whereNull('revoked_at').preload('role').preload('invitedBy').orderBy('id', 'desc'),
      Role.query().orderBy('is_system', 'desc').orderBy('name'),
    ])
    return view.render('pages/admin/staff/index', { staff, invitations, roles })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('StaffPolicy').authorize('manage')
    return renderInviteForm(view, { email: '', roleId: '' }, {})
  }

  async invite(ctx: HttpContext) {
    const { bouncer, request, response, session, view } = ctx
    await bouncer.with('StaffPolicy').authorize('manage')
    const body = request.only(['email', 'roleId'])
    const [error, input] = await inviteStaffValidator.tryValidate(body)
    if (error) {
      response.status(422)
      return renderInviteForm(view, body, fieldErrors(error))
    }
    const role = await Role.find(input.roleId)
    if (!role || (await bouncer.with('StaffPolicy').denies('assign', role))) {
      response.status(422)
      return renderInviteForm(view, body, { roleId: 'Choose a role whose permissions you hold yourself.' })
    }
    try {
      const { sent } = await (await app.container.make(InviteStaff)).handle(input, actorWithName(ctx))
      session.flash(sent ? 'notice' : 'error', sent ? `Invitation sent to ${input.email}.` : `The invitation to ${input.email} was saved but the email could not be sent; resend it.`)
      return response.redirect().status(303).toPath(LIST_PATH)
    } catch (caught) {
      if (!(caught instanceof StaffRuleError)) throw caught
      response.status(422)
      return renderInviteForm(view, body, { email: caught.message })
    }
  }

  @inject()
  async updateRole(ctx: HttpContext, changeStaffRole: ChangeStaffRole) {
    const target = await this.#target(ctx)
    const [error, input] = await staffRoleValidator.tryValidate(ctx.request.only(['roleId']))
    const role = error ? null : await Role.find(input.roleId)
    if (!role || (await ctx.bouncer.with('StaffPolicy').denies('assign', role))) {
      return back(ctx, 'error', 'Choose a role whose permissions you hold yourself.')
    }
    return attempt(ctx, async () => {
      await changeStaffRole.handle(target.id, role.id, staffActor(ctx))
      return `${target.email} is now ${role.name}.`
    })
  }

  @inject()
  async deactivate(ctx: HttpContext, setStaffActive: SetStaffActive) {
    const target = await this.#target(ctx)
    return attempt(ctx, async () => {
      await setStaffActive.handle(target.id, false, staffActor(ctx))
      return `${target.email} is deactivated and signed out everywhere.`
    })
  }

  @inject()
  async reactivate(ctx: HttpContext, setStaffActive: SetStaffActive) {
    const target = await this.#target(ctx)
    return attempt(ctx, async () => {
      await setStaffActive.handle(target.id, true, staffActor(ctx))
      return `${target.email} can sign in again.`
    })
  }

  @inject()
  async resendInvite(ctx: HttpContext, resendStaffInvite: ResendStaffInvite) {
    await ctx.bouncer.with('StaffPolicy').authorize('manage')
    const invitation = await this.#invitation(ctx)
    return attempt(ctx, async () => {
      const { sent } = await resendStaffInvite.handle(invitation.id, actorWithName(ctx))
      if (!sent) throw new StaffRuleError(`The email to ${invitation.email} could not be sent; try again later.`)
      return `Invitation sent to ${invitation.email} again; the earlier link no longer works.`
    })
  }

  @inject()
  async revokeInvite(ctx: HttpContext, revokeStaffInvite: RevokeStaffInvite) {
    await ctx.bouncer.with('StaffPolicy').authorize('manage')
    const invitation = await this.#invitation(ctx)
    return attempt(ctx, async () => {
      await revokeStaffInvite.handle(invitation.id, staffActor(ctx))
      return `The invitation to ${invitation.email} is revoked.`
    })
  }

  /** The staff member in the URL, once the signed-in one may change them. */
  async #target(ctx: HttpContext) {
    const [, valid] = await recordIdValidator.tryValidate(ctx.params)
    const target = await StaffUser.query().where('id', valid?.id ?? 0).preload('role').firstOrFail()
    await ctx.bouncer.with('StaffPolicy').authorize('change', target)
    return target
  }

  async #invitation(ctx: HttpContext) {
    const [, valid] = await recordIdValidator.tryValidate(ctx.params)
    const invitation = await StaffInvitation.query().where('id', valid?.id ?? 0).preload('role').firstOrFail()
    // revoking or resending an invitation to a role is handing that role out
    await ctx.bouncer.with('StaffPolicy').authorize('assign', invitation.role)
    return invitation
  }
}

function actorWithName(ctx: HttpContext) {
  const staff = ctx.auth.use('staff').user!
  return { ...staffActor(ctx), name: staff.fullName || staff.email }
}

async function attempt(ctx: HttpContext, run: () => Promise<string>) {
  try {
    return back(ctx, 'notice', await run())
  } catch (caught) {
    if (!(caught instanceof StaffRuleError)) throw caught
    return back(ctx, 'error', caught.message)
  }
}

function back({ response, session }: HttpContext, kind: 'notice' | 'error', message: string) {
  session.flash(kind, message)
  return response.redirect().status(303).toPath(LIST_PATH)
}

function renderInviteForm(view: HttpContext['view'], form: Record<string, unknown>, errors: Record<string, string>) {
  return Role.query()
    .orderBy('is_system', 'desc')
    .orderBy('name')
    .then((roles) => view.render('pages/admin/staff/invite', { form, errors, roles }))
}
