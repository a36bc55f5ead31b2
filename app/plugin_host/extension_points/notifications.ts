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
}

export interface Notifier {
  /** stable identifier, e.g. "outbox", "sendgrid" */
  readonly name: string
  send(message: NotificationMessage): Promise<{ id: string }>
}
