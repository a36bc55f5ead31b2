/**
 * PaymentDriver: how checkout takes money. Drivers are registered by the
 * payments plugin (`manual` for embedded mode, `stripe` in production) or
 * by any other plugin through `ctx.payments.use(name, factory)`. Core
 * reaches them through the PaymentsPort (below), injected from the container.
 *
 * Amounts are integer minor units with an ISO 4217 currency. Drivers only
 * talk to their provider: the payment actions in app/actions/payments own
 * the database (payments, refunds, order statuses) and call the driver.
 */
export interface PaymentIntentInput {
  orderId: number
  orderNumber: number
  amount: number
  currency: string
  /** `order-<id>-attempt-<n>`: a retried create never makes a second charge */
  idempotencyKey: string
  customerEmail?: string
}

export type ProviderPaymentStatus = 'pending' | 'authorized' | 'paid' | 'failed' | 'cancelled'

export interface PaymentIntentResult {
  providerRef: string
  status: ProviderPaymentStatus
  /** amount received so far (when the provider reports it), minor units */
  amountReceived?: number
  /** what the browser needs to confirm (e.g. a Stripe client secret and publishable key) */
  clientData?: Record<string, unknown>
}

/**
 * A provider notification, verified and reduced to what core acts on.
 * `id` is the provider's event id: core handles each id once.
 */
export interface PaymentWebhookEvent {
  id: string
  type: 'payment_succeeded' | 'payment_failed' | 'refunded' | 'ignored'
  /** the provider's payment id (a PaymentIntent id for Stripe) */
  providerRef?: string
  /** payment_succeeded: amount received; refunded: total refunded so far on the payment */
  amount?: number
  currency?: string
  /** payment_failed: the decline message to show the shopper */
  reason?: string
}

/** Thrown by `parseWebhook` when the signature or payload is not valid; answered with 400. */
export class InvalidWebhookError extends Error {
  code = 'E_INVALID_PAYMENT_WEBHOOK'
}

/** Extra CSP sources a driver's payment step needs, e.g. `{ 'script-src': ['https://js.provider.example'] }`. */
export type PaymentContentSources = Partial<Record<'script-src' | 'frame-src' | 'connect-src' | 'img-src', string[]>>

export interface PaymentDriver {
  /** stable identifier stored in payments.provider: "manual", "stripe" */
  readonly name: string
  /**
   * Edge template of the driver's payment step, rendered inside the payment
   * page with `{ order, payment, clientData, returnUrl }`: a view of the
   * driver's plugin, `<plugin>::drivers/<name>`.
   */
  readonly view: string
  /**
   * Origins the payment step loads from, per CSP directive: the payment page's
   * Content-Security-Policy allows them while this driver is active, and no
   * other page's does. A driver whose step is all on our own site has none.
   */
  readonly contentSources?: PaymentContentSources
  /** Creates the provider's payment; the same idempotency key returns the same payment. */
  createPayment(input: PaymentIntentInput): Promise<PaymentIntentResult>
  /** Current state of an existing payment, with fresh clientData (page reloads, retries). */
  retrieve(providerRef: string): Promise<PaymentIntentResult>
  capture(providerRef: string, amount?: number): Promise<PaymentIntentResult>
  refund(providerRef: string, amount: number, idempotencyKey: string): Promise<{ refundRef: string }>
  /** Cancels (voids) a payment that has not succeeded; a no-op when there is nothing to cancel. */
  cancel(providerRef: string): Promise<void>
  /** Verifies and reads a webhook; throws InvalidWebhookError when it is not genuine. */
  parseWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>): Promise<PaymentWebhookEvent>
  /**
   * Only for a driver whose payment step is a form posted back to the shop
   * (`storefront.orders.pay.manual`) instead of a confirmation at the
   * provider: reads the posted form (a malformed one throws a validation
   * error) and says how the payment went. The manual test driver has it; a
   * driver for real money must not, or a shopper could mark an order paid.
   */
  confirmOnSite?(form: Record<string, unknown>): Promise<OnSiteConfirmation>
}

/** How a payment confirmed on the shop's own page went (see PaymentDriver.confirmOnSite). */
export type OnSiteConfirmation = { succeeded: true } | { succeeded: false; /** shown to the shopper */ reason: string }

/**
 * How core reaches payment drivers: bound in the container (see
 * providers/stockroom_provider.ts) to the drivers plugins registered, so
 * actions take it by `@inject()` (import it as a value, not `import type`)
 * and tests `app.container.swap(PaymentsPort, () => standIn)`.
 */
export abstract class PaymentsPort {
  /**
   * The driver named, or without a name the active one (the payments
   * plugin's `driver` setting). Async: drivers are built on first use.
   */
  abstract driver(name?: string): Promise<PaymentDriver>
  /** The driver a stored payment was made with (`payments.provider`); throws when none has that name. */
  abstract driverNamed(name: string): Promise<PaymentDriver>
  /** Names of every registered driver, the active one included. */
  abstract names(): string[]
}
