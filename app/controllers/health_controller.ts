import type { HttpContext } from '@adonisjs/core/http'
import { healthChecks } from '#start/health'

/**
 * `live` answers as long as the process serves HTTP (for restarts);
 * `ready` checks the database, and Redis when configured (for load
 * balancers deciding where to send traffic).
 */
export default class HealthController {
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  async ready({ response }: HttpContext) {
    const report = await healthChecks.run()
    response.header('Cache-Control', 'no-store')
    return report.isHealthy ? response.ok(report) : response.serviceUnavailable(report)
  }
}
