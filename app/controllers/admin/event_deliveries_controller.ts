import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import RetryEventDelivery from '#actions/system/retry_event_delivery'
import { deliveryStatuses, eventDeliveryFiltersValidator } from '#validators/event_delivery_filters'
import {
  attachEvents,
  countDeliveriesByStatus,
  countUnrelayedEvents,
  deliveredEventNames,
  findDelivery,
  listDeliveries,
} from '#queries/event_deliveries_query'
import SettingsPolicy from '#policies/settings_policy'
import { staffActor } from '#services/actor'
import { filtersFrom } from '#controllers/admin/query_filters'

const LIST_PATH = '/admin/system/events'

/** Admin › System › Event deliveries: how domain events reached their listeners. */
export default class EventDeliveriesController {
  /** The list with status counts; for htmx filter requests, only the table fragment. */
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(SettingsPolicy).authorize('manage')
    const { filters } = await filtersFrom(request, eventDeliveryFiltersValidator)
    const deliveries = await listDeliveries(filters, request.url())
    return htmx.render('pages/admin/events/index', 'pages/admin/events/_table', { deliveries }, {
      pageData: async () => ({
        filters,
        statuses: deliveryStatuses,
        quickStatuses: ['failed', 'retrying', 'pending', 'delivered'],
        counts: await countDeliveriesByStatus(),
        unrelayed: await countUnrelayedEvents(),
        eventNames: await deliveredEventNames(),
        queueDriver: (await app.container.make('stockroom.queue')).driver,
      }),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(SettingsPolicy).authorize('manage')
    const delivery = await findDelivery(params.id)
    return view.render('pages/admin/events/show', {
      delivery,
      payloadJson: JSON.stringify(delivery.event.payload, null, 2),
    })
  }

  /** Queues a failed delivery again; anything else is refused with a flash message. */
  @inject()
  async retry(ctx: HttpContext, retryDelivery: RetryEventDelivery) {
    const { bouncer, htmx, params, response, session, view } = ctx
    await bouncer.with(SettingsPolicy).authorize('manage')
    const result = await retryDelivery.handle(params.id, staffActor(ctx))

    htmx.vary()
    if (result.retried) session.flash('notice', 'Delivery queued again')
    else session.flash('error', `Only failed deliveries can be retried; this one is ${result.delivery.status}.`)
    if (result.retried && htmx.isRequest) {
      // htmx swaps the row in place (pending again); the flash comes back as a toast
      await attachEvents([result.delivery], ['id', 'name', 'occurred_at'])
      return view.render('pages/admin/events/_row', { delivery: result.delivery })
    }
    return response.redirect().status(303).toPath(LIST_PATH)
  }
}
