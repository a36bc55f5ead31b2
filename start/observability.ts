/*
|--------------------------------------------------------------------------
| Error reporting
|--------------------------------------------------------------------------
|
| With SENTRY_DSN set, every process (web, worker, commands) reports its
| unhandled errors there (#observability/error_reporting), and sends what
| is queued before it exits. Metrics need no start: /metrics and the
| worker's METRICS_PORT serve #observability/metrics.
|
*/
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { startErrorReporting, stopErrorReporting } from '#observability/error_reporting'

const dsn = env.get('SENTRY_DSN')
if (dsn) {
  await startErrorReporting(dsn, app.nodeEnvironment)
  app.terminating(() => stopErrorReporting())
}
