/*
|--------------------------------------------------------------------------
| Live updates (Server-Sent Events)
|--------------------------------------------------------------------------
|
| Transmit's three routes: the event stream and (un)subscribe. They are
| stateful routes like any other: session, shield and auth run, so the
| subscribe POST needs the page's CSRF token (the client sends it in a
| header) and channel authorization reads the session, not the token.
| Bodies are validated before transmit sees them. See docs/live-updates.md.
|
*/
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { authorizeLiveChannels } from '#services/live_updates'
import { liveStreamValidator, liveSubscriptionValidator } from '#validators/live_updates'
import LiveStreamLimitMiddleware from '#middleware/live_stream_limit_middleware'

async function validLiveRequest(ctx: HttpContext, next: NextFn) {
  const validator = ctx.request.method() === 'GET' ? liveStreamValidator : liveSubscriptionValidator
  const [error] = await validator.tryValidate(ctx.request.all())
  if (error) return ctx.response.badRequest({ error: 'Invalid live-update request' })
  return next()
}

// Only processes that serve HTTP hold streams; a worker makes transmit when it first publishes.
if (app.getEnvironment() === 'web' || app.getEnvironment() === 'test') {
  const transmit = await app.container.make('transmit')
  authorizeLiveChannels(transmit)
  const liveStreamLimit = new LiveStreamLimitMiddleware()
  transmit.registerRoutes((route) => {
    route.use(validLiveRequest)
    // streams per session and per IP are capped (config/transmit.ts)
    if (route.getPattern().endsWith('/events')) route.use((ctx, next) => liveStreamLimit.handle(ctx, next))
    route.as(`live.${route.getPattern().split('/').pop()}`)
  })
  // An open stream never ends by itself, and the HTTP server's close waits for every
  // connection: end them first, or a SIGTERM would hang while any page is open. The
  // browsers reconnect (to another process behind the load balancer) and refetch.
  app.terminating(() => {
    for (const [stream] of transmit.getManager().getAllSubscribers()) stream.end()
  })
}
