/**
 * `.invalid` is reserved (RFC 2606): no mail can reach such an address, and
 * Stockroom gives one to an erased customer (and so to their orders). A
 * message to it is neither sent nor kept by any driver, so an order email
 * still queued when its customer was erased leaves no copy of its contents.
 */
export function isUndeliverable(to: string) {
  return /\.invalid>?$/i.test(to.trim())
}

/** What a driver answers for a message it drops. */
export const UNDELIVERABLE = { id: 'undeliverable' } as const
