import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SubscribeToNewsletter from '#actions/newsletter/subscribe_to_newsletter'
import UnsubscribeFromNewsletter from '#actions/newsletter/unsubscribe_from_newsletter'
import NewsletterSubscriber from '#models/newsletter_subscriber'
import Customer from '#models/customer'
import { fieldErrors } from '#controllers/admin/form_errors'
import { isCrossSiteRequest } from '#services/request_origin'
import { newsletterChoiceValidator, newsletterSignUpValidator, unsubscribeTokenValidator } from '#validators/newsletter'

/** What the sign-up block shows: the form (with the typed address and a message) or the thank-you. */
interface SignUpState {
  email?: string
  error?: string
  done?: boolean
}

const FRAGMENT = 'partials/storefront/newsletter_signup'

/**
 * The newsletter: the footer's sign-up form (every storefront page), its
 * page of its own, the emailed one-click unsubscribe link and the account
 * page's switch. A sign-up answers the same whether or not the address was
 * already on the list, so the form tells nobody who subscribes.
 */
export default class NewsletterController {
  /** GET /newsletter: the form on a page of its own; a sign-up without JavaScript lands here. */
  async show({ session, view }: HttpContext) {
    return view.render('pages/storefront/newsletter/show', { signup: (session.flashMessages.get('newsletter') ?? {}) as SignUpState })
  }

  /**
   * POST /newsletter. Exempt from the session CSRF token, like adding to
   * the cart: the form is in the footer of page-cached public pages, which
   * carry no session (config/shield.ts). Cross-site posts are refused by
   * origin instead; the route is rate limited per IP.
   */
  @inject()
  async store(ctx: HttpContext, subscribe: SubscribeToNewsletter) {
    const { htmx, request, response, session, view } = ctx
    if (isCrossSiteRequest(request)) return response.forbidden('Signing up from another site is not allowed.')
    const typed = String(request.input('email') ?? '').slice(0, 254)
    const [error, input] = await newsletterSignUpValidator.tryValidate(request.only(['email']))
    const state: SignUpState = error ? { email: typed, error: fieldErrors(error).email ?? 'Enter an email address like name@example.com' } : { done: true }
    if (input) await subscribe.handle({ email: input.email, source: 'footer' })
    // htmx swaps only 2xx answers: a refusal comes back as a 200 fragment with its message
    if (htmx.isRequest) return view.render(FRAGMENT, { signup: state, formId: String(request.input('form_id') ?? 'footer') === 'page' ? 'page' : 'footer' })
    session.flash('newsletter', state)
    return response.redirect().status(303).toRoute('storefront.newsletter.show')
  }

  /** GET /newsletter/unsubscribe/:token: says whose address it is and asks to confirm. Changes nothing. */
  async confirmUnsubscribe({ params, response, view }: HttpContext) {
    const subscriber = await subscriberByToken(params)
    if (!subscriber) {
      response.status(404)
      return view.render('pages/storefront/newsletter/link_invalid')
    }
    return view.render('pages/storefront/newsletter/unsubscribe', { subscriber, token: subscriber.unsubscribeToken })
  }

  /** POST /newsletter/unsubscribe/:token: takes the address off the list, then shows the page again. */
  @inject()
  async unsubscribe(ctx: HttpContext, unsubscribeFrom: UnsubscribeFromNewsletter) {
    const { params, response, session, view } = ctx
    const [error, valid] = await unsubscribeTokenValidator.tryValidate(params)
    const outcome = error ? 'unknown' : await unsubscribeFrom.handle({ token: valid.token })
    if (outcome === 'unknown') {
      response.status(404)
      return view.render('pages/storefront/newsletter/link_invalid')
    }
    session.flash('notice', 'You are unsubscribed. We will not send you the newsletter again.')
    return response.redirect().status(303).toRoute('storefront.newsletter.unsubscribe', { token: valid!.token })
  }

  /** POST /account/newsletter: the signed-in customer subscribes or unsubscribes their own address. */
  @inject()
  async updateForAccount(ctx: HttpContext, subscribe: SubscribeToNewsletter, unsubscribeFrom: UnsubscribeFromNewsletter) {
    const { subscribe: wanted } = await ctx.request.validateUsing(newsletterChoiceValidator)
    const customer: Customer = ctx.auth.use('customer').user!
    if (wanted) await subscribe.handle({ email: customer.email, source: 'account' })
    else await unsubscribeFrom.handle({ email: customer.email })
    ctx.session.flash('notice', wanted ? 'You are subscribed to the newsletter.' : 'You are unsubscribed from the newsletter.')
    return ctx.response.redirect().status(303).toPath('/account#newsletter')
  }
}

async function subscriberByToken(params: Record<string, unknown>) {
  const [error, valid] = await unsubscribeTokenValidator.tryValidate(params)
  if (error) return null
  return NewsletterSubscriber.findBy('unsubscribe_token', valid.token)
}

