import type { HttpContext } from '@adonisjs/core/http'
import AcceptStaffInvite from '#actions/staff/accept_staff_invite'
import { findUsableInvite } from '#staff/invite_tokens'
import { StaffRuleError } from '#staff/staff_rules'
import { acceptInviteValidator } from '#validators/staff_admin'
import { fieldErrors } from '#controllers/admin/form_errors'
import app from '@adonisjs/core/services/app'

/** The page an invitation email links to: the invitee picks a name and password, then is signed in. */
export default class StaffInvitationsController {
  async show({ params, response, view }: HttpContext) {
    const invitation = await findUsableInvite(params.token)
    if (!invitation) return gone(response, view)
    return view.render('pages/admin/staff/accept', { invitation, token: params.token, form: {}, errors: {} })
  }

  async accept({ auth, params, request, response, session, view }: HttpContext) {
    const invitation = await findUsableInvite(params.token)
    if (!invitation) return gone(response, view)
    const body = request.only(['fullName', 'password', 'passwordConfirmation'])
    const [error, input] = await acceptInviteValidator.tryValidate(body)
    if (error) {
      response.status(422)
      return view.render('pages/admin/staff/accept', { invitation, token: params.token, form: { fullName: body.fullName }, errors: fieldErrors(error) })
    }
    try {
      const staff = await (await app.container.make(AcceptStaffInvite)).handle(params.token, input, { ip: request.ip(), userAgent: request.header('user-agent') ?? null })
      if (!staff) return gone(response, view)
      await auth.use('staff').login(staff)
      session.flash('notice', `Welcome, ${staff.fullName}.`)
      return response.redirect().status(303).toPath('/admin')
    } catch (caught) {
      if (!(caught instanceof StaffRuleError)) throw caught
      session.flash('signInError', caught.message)
      return response.redirect().status(303).toPath('/admin/login')
    }
  }
}

/** Unknown, used, revoked and expired links all look the same: nothing to learn by guessing. */
function gone(response: HttpContext['response'], view: HttpContext['view']) {
  response.status(410)
  return view.render('pages/admin/staff/invite_gone')
}
