import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse as parseQuery } from 'node:querystring'
import Stripe from 'stripe'

/**
 * A local stand-in for the few Stripe API calls the stripe driver makes,
 * so tests run the real SDK (retries, idempotency keys, errors) with no
 * network: PaymentIntents (create, retrieve, update, cancel) and refunds.
 * It keeps every request, with its Idempotency-Key header, and replays the
 * first answer for a repeated key, as Stripe does.
 */

export const STAND_IN_WEBHOOK_SECRET = 'whsec_stockroom_stand_in_secret'

export interface RecordedRequest {
  method: string
  path: string
  idempotencyKey: string | null
  body: Record<string, any>
}

export interface StandInIntent {
  id: string
  object: 'payment_intent'
  amount: number
  amount_received: number
  currency: string
  status: string
  client_secret: string
  metadata: Record<string, string>
  automatic_payment_methods: { enabled: boolean } | null
  last_payment_error: { message: string } | null
  receipt_email: string | null
  /** not a Stripe field: total refunded, for charge.refunded events */
  amountRefunded: number
}

/** Turns `a[b]=1&a[c][d]=2` (Stripe's form encoding) into nested objects. */
function nest(flat: Record<string, unknown>) {
  const out: Record<string, any> = {}
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.replace(/\]/g, '').split('[')
    let node = out
    parts.slice(0, -1).forEach((part) => (node = node[part] ??= {}))
    node[parts[parts.length - 1]] = value
  }
  return out
}

export class StripeStandIn {
  readonly requests: RecordedRequest[] = []
  readonly intents = new Map<string, StandInIntent>()
  readonly refunds = new Map<string, { id: string; payment_intent: string; amount: number }>()
  /** answers for idempotency keys already seen */
  readonly #replays = new Map<string, { status: number; body: unknown }>()
  #server: Server
  #sequence = 0
  /** the next N requests fail with 503 (to see the SDK's network retries) */
  failNext = 0

  constructor() {
    this.#server = createServer((req, res) => this.#handle(req, res))
  }

  async listen() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    // Never keep the test process alive for the stand-in.
    this.#server.unref()
    return this
  }

  get url() {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  async close() {
    await new Promise((resolve) => this.#server.close(resolve))
  }

  requestsFor(path: string) {
    return this.requests.filter((request) => request.path === path)
  }

  /** The shopper paid in the browser: returns the payment_intent.succeeded event's object. */
  succeed(id: string, amountReceived?: number) {
    const intent = this.intents.get(id)!
    intent.status = 'succeeded'
    intent.amount_received = amountReceived ?? intent.amount
    return intent
  }

  /** The card was declined: the intent wants another payment method, as on Stripe. */
  decline(id: string, message = 'Your card was declined.') {
    const intent = this.intents.get(id)!
    intent.status = 'requires_payment_method'
    intent.last_payment_error = { message }
    return intent
  }

  /** A Stripe event JSON for `object`, and its signed header. */
  signedEvent(type: string, object: unknown, secret = STAND_IN_WEBHOOK_SECRET) {
    const payload = JSON.stringify({
      id: `evt_standin_${++this.#sequence}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type,
      data: { object },
    })
    const signature = new Stripe('sk_test_standin').webhooks.generateTestHeaderString({ payload, secret })
    return { payload, signature }
  }

  /** The charge.refunded object for an intent (cumulative amount_refunded). */
  chargeFor(id: string) {
    const intent = this.intents.get(id)!
    return {
      id: `ch_${id}`,
      object: 'charge',
      payment_intent: id,
      amount: intent.amount_received,
      amount_refunded: intent.amountRefunded,
      currency: intent.currency,
      refunded: intent.amountRefunded >= intent.amount_received,
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const body = nest(parseQuery(Buffer.concat(chunks).toString('utf8')))
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey: key, body })

    if (this.failNext > 0) {
      this.failNext--
      return this.#send(res, 503, { error: { type: 'api_error', message: 'Stand-in outage' } })
    }
    const replayKey = key && req.method === 'POST' ? `${url.pathname} ${key}` : null
    if (replayKey && this.#replays.has(replayKey)) {
      const replay = this.#replays.get(replayKey)!
      return this.#send(res, replay.status, replay.body, { 'idempotent-replayed': 'true' })
    }
    const [status, answer] = this.#route(req.method ?? 'GET', url.pathname, body)
    if (replayKey) this.#replays.set(replayKey, { status, body: answer })
    this.#send(res, status, answer)
  }

  #route(method: string, path: string, body: Record<string, any>): [number, unknown] {
    if (method === 'POST' && path === '/v1/payment_intents') return [200, this.#createIntent(body)]
    const intentMatch = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path)
    if (intentMatch) {
      const intent = this.intents.get(intentMatch[1])
      if (!intent) return this.#error(404, 'resource_missing', `No such payment_intent: '${intentMatch[1]}'`)
      if (intentMatch[2] && method === 'POST') {
        if (['succeeded', 'canceled'].includes(intent.status)) {
          return this.#error(400, 'payment_intent_unexpected_state', `This PaymentIntent is ${intent.status}`)
        }
        intent.status = 'canceled'
        return [200, intent]
      }
      if (method === 'POST') {
        if (body.amount) intent.amount = Number(body.amount)
        Object.assign(intent.metadata, body.metadata ?? {})
      }
      return [200, intent]
    }
    if (method === 'POST' && path === '/v1/refunds') return this.#refund(body)
    return this.#error(404, 'resource_missing', `Unrecognized request URL (${method}: ${path})`)
  }

  #createIntent(body: Record<string, any>) {
    const id = `pi_standin_${++this.#sequence}`
    const intent: StandInIntent = {
      id,
      object: 'payment_intent',
      amount: Number(body.amount),
      amount_received: 0,
      currency: String(body.currency),
      status: 'requires_payment_method',
      client_secret: `${id}_secret_standin`,
      metadata: body.metadata ?? {},
      automatic_payment_methods: body.automatic_payment_methods
        ? { enabled: body.automatic_payment_methods.enabled === 'true' }
        : null,
      last_payment_error: null,
      receipt_email: body.receipt_email ?? null,
      amountRefunded: 0,
    }
    this.intents.set(id, intent)
    return intent
  }

  #refund(body: Record<string, any>): [number, unknown] {
    const intent = this.intents.get(String(body.payment_intent))
    if (!intent) return this.#error(404, 'resource_missing', 'No such payment_intent')
    const amount = body.amount ? Number(body.amount) : intent.amount_received - intent.amountRefunded
    if (intent.status !== 'succeeded') return this.#error(400, 'charge_not_refundable', 'Nothing was paid')
    if (amount > intent.amount_received - intent.amountRefunded) {
      return this.#error(400, 'amount_too_large', 'Refund amount is greater than unrefunded amount on charge')
    }
    intent.amountRefunded += amount
    const refund = { id: `re_standin_${++this.#sequence}`, object: 'refund', payment_intent: intent.id, amount, status: 'succeeded' }
    this.refunds.set(refund.id, refund)
    return [200, refund]
  }

  #error(status: number, code: string, message: string): [number, unknown] {
    return [status, { error: { type: 'invalid_request_error', code, message } }]
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${this.#sequence}`, ...headers })
    res.end(JSON.stringify(body))
  }
}

let shared: Promise<{ standIn: StripeStandIn; driver: import('#plugin_host/extension_points/payments').PaymentDriver }> | undefined

/**
 * One stand-in per test process, with a `stripe` driver pointed at it
 * registered in the app's plugin host (unless the run configured Stripe
 * itself). The manual driver stays the default; a test that needs Stripe
 * active calls `pluginHost.payments.prefer('stripe')` and resets it.
 */
export function stripeStandIn() {
  shared ??= (async () => {
    const standIn = await new StripeStandIn().listen()
    const { default: app } = await import('@adonisjs/core/services/app')
    const pluginHost = await app.container.make('stockroom.plugins')
    const { StripePaymentDriver } = await import('#plugins/payments/drivers/stripe_driver')
    if (!pluginHost.payments.has('stripe')) {
      pluginHost.payments.use(
        'stripe',
        () =>
          new StripePaymentDriver({
            secretKey: 'sk_test_standin',
            publishableKey: 'pk_test_standin',
            webhookSecret: STAND_IN_WEBHOOK_SECRET,
            apiBase: standIn.url,
            maxNetworkRetries: 2,
          })
      )
    }
    return { standIn, driver: await pluginHost.payments.get('stripe') }
  })()
  return shared
}
