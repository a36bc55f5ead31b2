import type { HttpContext } from '@adonisjs/core/http'
import SettingsPolicy from '#policies/settings_policy'
import { filtersFrom } from '#controllers/admin/query_filters'
import NotificationMessage, { notificationStatuses } from '../models/notification_message.js'
import { emailFiltersValidator } from '../validators/email_filters.js'
import { knownTemplates, listMessages } from '../queries/notification_messages_query.js'
import { templateLabel } from '../emails/template_labels.js'

/** Admin › Emails: every message the notifications plugin stored or sent. */
export default class EmailsController {
  /** The list; for htmx filter requests, only the table fragment. */
  async index({ bouncer, htmx, request }: HttpContext) {
    // emails may hold sign-in alerts (later, reset links): store settings staff only
    await bouncer.with(SettingsPolicy).authorize('manage')
    const { filters } = await filtersFrom(request, emailFiltersValidator)
    const messages = await listMessages(filters, request.url())
    return htmx.render('notifications::admin/emails/index', 'notifications::admin/emails/_table', { messages, templateLabel }, {
      pageData: async () => ({ filters, statuses: notificationStatuses, templates: await knownTemplates() }),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(SettingsPolicy).authorize('manage')
    const message = await NotificationMessage.findOrFail(params.id)
    return view.render('notifications::admin/emails/show', { message, templateLabel })
  }
}
