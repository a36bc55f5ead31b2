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

/** Staff permission needed: payloads may hold customer data, and a retry re-runs side effects. */
export const EVENT_DELIVERIES_PERMISSION = 'settings.manage'

const LIST_PATH = '/admin/system/events'

/** Admin › System › Event deliveries: how domain events reached their listeners. */
export default class EventDeliveriesController {
  /** The list with status counts; for htmx filter requests, only the table fragment. */
  async index({ auth, request, response, view }: HttpContext) {
    if (!(await mayManage(auth))) return forbidden(response)
    const [, validated] = await eventDeliveryFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const filters = validated ?? {}
    const deliveries = await listDeliveries(filters, request.url())

    response.header('Vary', 'HX-Request')
    if (request.header('hx-request') && !request.header('hx-boosted')) {
      return view.render('pages/admin/events/_table', { deliveries })
    }
    const queue = await app.container.make('stockroom.queue')
    return view.render('pages/admin/events/index', {
      deliveries,
      filters,
      statuses: deliveryStatuses,
      quickStatuses: ['failed', 'retrying', 'pending', 'delivered'],
      counts: await countDeliveriesByStatus(),
      unrelayed: await countUnrelayedEvents(),
      eventNames: await deliveredEventNames(),
      queueDriver: queue.driver,
    })
  }

  async show({ auth, params, response, view }: HttpContext) {
    if (!(await mayManage(auth))) return forbidden(response)
    const delivery = await findDelivery(params.id)
    return view.render('pages/admin/events/show', {
      delivery,
      payloadJson: JSON.stringify(delivery.event.payload, null, 2),
    })
  }

  /** Queues a failed delivery again; anything else is refused with a flash message. */
  @inject()
  async retry({ auth, params, request, response, session, view }: HttpContext, retryDelivery: RetryEventDelivery) {
    if (!(await mayManage(auth))) return forbidden(response)
    const staffUser = auth.use('staff').user!
    const result = await retryDelivery.handle(params.id, { type: 'staff', id: staffUser.id, ip: request.ip() })

    if (result.retried && request.header('hx-request')) {
      // htmx swaps the row in place; the row shows the delivery as pending again
      await attachEvents([result.delivery], ['id', 'name', 'occurred_at'])
      return view.render('pages/admin/events/_row', { delivery: result.delivery })
    }
    if (result.retried) session.flash('notice', 'Delivery queued again')
    else session.flash('error', `Only failed deliveries can be retried; this one is ${result.delivery.status}.`)
    return response.redirect().status(303).toPath(LIST_PATH)
  }
}

function mayManage(auth: HttpContext['auth']) {
  return auth.use('staff').user!.can(EVENT_DELIVERIES_PERMISSION)
}

function forbidden(response: HttpContext['response']) {
  return response.forbidden('Event deliveries need the settings.manage permission. Ask a store owner.')
}

/** An empty filter field means "any", not an invalid value. */
function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== '' && value !== null))
}
