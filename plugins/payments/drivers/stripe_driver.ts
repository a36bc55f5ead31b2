import Stripe from 'stripe'
import {
  InvalidWebhookError,
  type PaymentDriver,
  type PaymentIntentInput,
  type PaymentIntentResult,
  type PaymentWebhookEvent,
  type ProviderPaymentStatus,
} from '#plugin_host/extension_points/payments'

export interface StripeDriverOptions {
  secretKey: string
  publishableKey: string
  webhookSecret: string
  /** another API origin (a local stand-in in tests), e.g. http://127.0.0.1:12111 */
  apiBase?: string
  /** SDK retries of failed network calls, with idempotency keys (default 2) */
  maxNetworkRetries?: number
}

/** PaymentIntent statuses in the words core uses. */
const STATUSES: Record<string, ProviderPaymentStatus> = {
  succeeded: 'paid',
  requires_capture: 'authorized',
  canceled: 'cancelled',
}

/**
 * Stripe through the official SDK: one PaymentIntent per order attempt
 * with automatic payment methods (cards, Apple Pay, Google Pay through the
 * Payment Element and Express Checkout Element), confirmed in the browser.
 * The signed webhook, not the browser's redirect, marks the order paid.
 */
export class StripePaymentDriver implements PaymentDriver {
  readonly name = 'stripe'
  readonly view = 'payments::drivers/stripe'
  /** Stripe.js and its frames (Payment Element, Express Checkout, 3-D Secure), and the API it calls. */
  readonly contentSources = {
    'script-src': ['https://js.stripe.com', 'https://*.js.stripe.com'],
    'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
    'connect-src': ['https://api.stripe.com'],
  }
  readonly stripe: Stripe

  constructor(private options: StripeDriverOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : null
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: 20_000,
      telemetry: false,
      appInfo: { name: 'Stockroom' },
      ...(base
        ? {
            host: base.hostname,
            port: base.port || (base.protocol === 'https:' ? 443 : 80),
            protocol: base.protocol.replace(':', '') as 'http' | 'https',
          }
        : {}),
    })
  }

  async createPayment(input: PaymentIntentInput): Promise<PaymentIntentResult> {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        automatic_payment_methods: { enabled: true },
        metadata: { order_id: String(input.orderId), order_number: String(input.orderNumber) },
        ...(input.customerEmail ? { receipt_email: input.customerEmail } : {}),
      },
      { idempotencyKey: input.idempotencyKey }
    )
    return this.#result(intent)
  }

  async retrieve(providerRef: string): Promise<PaymentIntentResult> {
    return this.#result(await this.stripe.paymentIntents.retrieve(providerRef))
  }

  async capture(providerRef: string, amount?: number): Promise<PaymentIntentResult> {
    const intent = await this.stripe.paymentIntents.capture(
      providerRef,
      amount === undefined ? {} : { amount_to_capture: amount },
      { idempotencyKey: `capture-${providerRef}-${amount ?? 'full'}` }
    )
    return this.#result(intent)
  }

  async refund(providerRef: string, amount: number, idempotencyKey: string) {
    const refund = await this.stripe.refunds.create({ payment_intent: providerRef, amount }, { idempotencyKey })
    return { refundRef: refund.id }
  }

  async cancel(providerRef: string) {
    try {
      await this.stripe.paymentIntents.cancel(providerRef, {}, { idempotencyKey: `cancel-${providerRef}` })
    } catch (error) {
      // Already succeeded or cancelled: there is nothing left to void.
      if ((error as { code?: string }).code === 'payment_intent_unexpected_state') return
      throw error
    }
  }

  async parseWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>) {
    const signature = headers['stripe-signature']
    if (typeof signature !== 'string' || !signature) throw new InvalidWebhookError('Missing Stripe-Signature header')
    let event: Stripe.Event
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret)
    } catch (error) {
      throw new InvalidWebhookError(`Stripe signature check failed: ${(error as Error).message}`)
    }
    return toWebhookEvent(event)
  }

  #result(intent: Stripe.PaymentIntent): PaymentIntentResult {
    return {
      providerRef: intent.id,
      status: STATUSES[intent.status] ?? 'pending',
      amountReceived: intent.amount_received,
      clientData: {
        clientSecret: intent.client_secret,
        publishableKey: this.options.publishableKey,
        amount: intent.amount,
        currency: intent.currency,
      },
    }
  }
}

function toWebhookEvent(event: Stripe.Event): PaymentWebhookEvent {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object
      return {
        id: event.id,
        type: 'payment_succeeded',
        providerRef: intent.id,
        amount: intent.amount_received,
        currency: intent.currency.toUpperCase(),
      }
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object
      return {
        id: event.id,
        type: 'payment_failed',
        providerRef: intent.id,
        reason: intent.last_payment_error?.message ?? 'The payment was declined',
      }
    }
    case 'charge.refunded': {
      const charge = event.data.object
      const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id
      return {
        id: event.id,
        type: 'refunded',
        providerRef: intentId ?? undefined,
        amount: charge.amount_refunded,
        currency: charge.currency.toUpperCase(),
      }
    }
    default:
      return { id: event.id, type: 'ignored' }
  }
}
