import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import { CHANNEL_PATTERN } from '#services/live_updates'

/** The stream id a browser picks for its EventSource (a UUID, as the transmit client makes). */
const uid = () =>
  vine
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)

/** GET /__transmit/events?uid= */
export const liveStreamValidator = operatorKeyed(vine.compile(vine.object({ uid: uid() })))

/** POST /__transmit/subscribe and /unsubscribe: only channels Stockroom publishes on. */
export const liveSubscriptionValidator = operatorKeyed(vine.compile(
  vine.object({ uid: uid(), channel: vine.string().regex(CHANNEL_PATTERN) })
))
