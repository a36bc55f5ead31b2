import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SignInStaff from '#actions/staff/sign_in_staff'
import { staffSessionValidator } from '#validators/staff_session'
import { safeAdminRedirect } from '#services/safe_redirect'

const refusals = {
  // One message for a wrong email and a wrong password: no account enumeration.
  invalid_credentials: 'That email and password do not match an account. Check them and try again.',
  inactive: 'This account has been deactivated. Ask a store administrator to reactivate it.',
}

/** Back-office sign-in and sign-out. */
export default class SessionsController {
  async create({ view, request }: HttpContext) {
    const next = safeAdminRedirect(request.input('next'))
    return view.render('pages/admin/sessions/form', { next: next === '/admin' ? '' : next })
  }

  @inject()
  async store({ request, response, session }: HttpContext, signIn: SignInStaff) {
    const { email, password, next } = await request.validateUsing(staffSessionValidator)
    const result = await signIn.handle({ email, password })
    if (!result.signedIn) {
      session.flashExcept(['password', '_csrf'])
      session.flash('signInError', refusals[result.reason])
      const query = next ? `?next=${encodeURIComponent(safeAdminRedirect(next))}` : ''
      return response.redirect(`/admin/login${query}`)
    }
    return response.redirect(safeAdminRedirect(next))
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('staff').logout()
    session.flash('notice', 'You have signed out.')
    return response.redirect('/admin/login')
  }
}
