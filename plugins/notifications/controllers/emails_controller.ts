import type { HttpContext } from '@adonisjs/core/http'
import NotificationMessage, { notificationStatuses } from '../models/notification_message.js'
import { emailFiltersValidator } from '../validators/email_filters.js'
import { knownTemplates, listMessages } from '../queries/notification_messages_query.js'

/** Staff permission needed to read emails (they may hold sign-in alerts, later reset links). */
export const EMAILS_PERMISSION = 'settings.manage'

/** Admin › Emails: every message the notifications plugin stored or sent. */
export default class EmailsController {
  /** The list; for htmx filter requests, only the table fragment. */
  async index({ auth, request, response, view }: HttpContext) {
    if (!(await auth.use('staff').user!.can(EMAILS_PERMISSION))) return forbidden(response)
    const [, validated] = await emailFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const filters = validated ?? {}
    const messages = await listMessages(filters, request.url())

    response.header('Vary', 'HX-Request')
    if (request.header('hx-request') && !request.header('hx-boosted')) {
      return view.render('notifications::admin/emails/_table', { messages })
    }
    return view.render('notifications::admin/emails/index', {
      messages,
      filters,
      statuses: notificationStatuses,
      templates: await knownTemplates(),
    })
  }

  async show({ auth, params, response, view }: HttpContext) {
    if (!(await auth.use('staff').user!.can(EMAILS_PERMISSION))) return forbidden(response)
    const message = await NotificationMessage.findOrFail(params.id)
    return view.render('notifications::admin/emails/show', { message })
  }
}

function forbidden(response: HttpContext['response']) {
  return response.forbidden('Reading emails needs the settings.manage permission. Ask a store owner.')
}

/** An empty filter field means "any", not an invalid value. */
function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== '' && value !== null))
}
