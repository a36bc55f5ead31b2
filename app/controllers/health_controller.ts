import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import { READY_TIMEOUT_MS, runReadiness } from '#start/health'
import { holdsBearerToken } from '#services/bearer_token'

/** HEALTH_TOKEN, or undefined when unset (then no caller gets the report). */
const healthToken = env.get('HEALTH_TOKEN') || undefined

/**
 * `live` answers as long as the process serves HTTP (for restarts);
 * `ready` checks the database, and Redis when configured (for load
 * balancers deciding where to send traffic). Anyone may ask; only the
 * holder of HEALTH_TOKEN sees the checks' report, which names the process,
 * its Node version and heap (docs/security.md).
 */
export default class HealthController {
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  async ready({ request, response }: HttpContext) {
    const report = await runReadiness()
    response.header('Cache-Control', 'no-store')
    const healthy = report?.isHealthy ?? false
    const status = healthy ? 'ok' : 'error'
    const body = !holdsBearerToken(request.header('authorization'), healthToken)
      ? { status }
      : (report ?? { status, message: `The checks did not all answer within ${READY_TIMEOUT_MS} ms` })
    return healthy ? response.ok(body) : response.serviceUnavailable(body)
  }
}
