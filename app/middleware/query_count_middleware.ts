import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import env from '#start/env'
import { queryCount, queryCountingEnabled, startCountingQueries } from '#services/query_counter'

void startCountingQueries()

/** One log line per request in development, with its query count. */
const logRequests = env.get('NODE_ENV') === 'development'

/**
 * Reports the SQL queries a request ran as `X-Query-Count` (see
 * #services/query_counter for when counting is on). A server middleware,
 * so it wraps every route, cached or not, and sees the final count.
 */
export default class QueryCountMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!queryCountingEnabled) return next()
    const started = process.hrtime.bigint()
    await next()
    const queries = queryCount(ctx)
    ctx.response.header('X-Query-Count', String(queries))
    if (logRequests) {
      ctx.logger.info(
        {
          method: ctx.request.method(),
          url: ctx.request.url(true),
          status: ctx.response.getStatus(),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          queries,
        },
        'request'
      )
    }
  }
}
