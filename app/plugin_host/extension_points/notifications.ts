/**
 * Notifier: how Stockroom sends email (and later other channels). The
 * embedded default stores messages in an outbox viewable in admin; the
 * SendGrid driver sends them for real. Core builds the message, a driver
 * only delivers it.
 */
export interface NotificationMessage {
  to: string
  subject: string
  html: string
  text?: string
  /** template or kind, e.g. "staff_signed_in", for filtering in admin */
  template?: string
  /** a repeat send with the same key must not produce a second message */
  idempotencyKey?: string
  /** the customer the message is about, so their erasure (CustomerErased) can find what a driver kept */
  customerId?: number | null
}

/**
 * The active notification driver. An abstract class so it is a container
 * key: core takes it by `@inject()` (imported as a value) and tests swap it
 * with `app.container.swap(Notifier, () => standIn)`. Drivers `implements` it.
 */
export abstract class Notifier {
  /** stable identifier, e.g. "outbox", "sendgrid" */
  abstract readonly name: string
  /**
   * Delivers and keeps a copy. A message to an address in the reserved
   * `.invalid` domain (RFC 2606; an erased customer's orders carry one) is
   * neither sent nor kept: drivers answer `{ id: 'undeliverable' }`.
   */
  abstract send(message: NotificationMessage): Promise<{ id: string }>
}
