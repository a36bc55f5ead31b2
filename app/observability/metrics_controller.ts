import type { HttpContext } from '@adonisjs/core/http'
import { registry } from '#observability/metrics'
import { mayReadMetrics } from '#observability/metrics_access'

/**
 * GET /metrics in Prometheus' text format. A machine endpoint: no session,
 * CSRF or cookie (#middleware/web_session_middleware), and who may read it
 * is decided in #observability/metrics_access.
 */
export default class MetricsController {
  async show({ request, response }: HttpContext) {
    response.header('Cache-Control', 'no-store')
    if (!mayReadMetrics(request.headers(), request.request.socket.remoteAddress)) {
      return response
        .status(403)
        .send('Metrics are read with METRICS_TOKEN (Authorization: Bearer <token>), or from this machine when no token is set.\n')
    }
    response.header('Content-Type', registry.contentType)
    return response.send(await registry.metrics())
  }
}
