import edge from 'edge.js'
import { formatStoreDateTime } from '#services/store_time'
import type { Notifier } from '#plugin_host/extension_points/notifications'
import type { DomainEvents } from '#events/domain_events'

export const STAFF_SIGNED_IN_TEMPLATE = 'staff_signed_in'

/**
 * Tells a staff member that their account was just used to sign in to
 * the admin, so a stolen password gets noticed. The idempotency key is
 * the outbox event id: a delivery retried after a crash finds the message
 * it already sent instead of sending a second one.
 */
export async function sendStaffSignedInEmail(
  notifier: Notifier,
  payload: DomainEvents['StaffSignedIn'],
  meta: { eventId: number; attempt: number }
): Promise<{ id: string }> {
  const data = {
    email: payload.email,
    ip: payload.ip,
    browser: describeBrowser(payload.userAgent),
    userAgent: payload.userAgent,
    when: formatWhen(payload.at),
  }
  const [html, text] = await Promise.all([
    edge.render(`notifications::emails/${STAFF_SIGNED_IN_TEMPLATE}`, data),
    edge.render(`notifications::emails/${STAFF_SIGNED_IN_TEMPLATE}_text`, data),
  ])
  return notifier.send({
    to: payload.email,
    subject: 'New sign-in to your Stockroom admin',
    html,
    text: text.trim() + '\n',
    template: STAFF_SIGNED_IN_TEMPLATE,
    idempotencyKey: `staff-signed-in:${meta.eventId}`,
  })
}

/** "Firefox on Linux" from a user-agent string; enough for a human to recognise. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'an unknown browser'
  const browsers: Array<[RegExp, string]> = [
    [/Edg\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/Firefox\//, 'Firefox'],
    [/Chrome\/|CriOS\//, 'Chrome'],
    [/Safari\//, 'Safari'],
    [/curl\//i, 'curl'],
  ]
  const systems: Array<[RegExp, string]> = [
    [/Android/, 'Android'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ]
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1]
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1]
  if (browser && system) return `${browser} on ${system}`
  return browser ?? system ?? 'an unknown browser'
}

/** Event times are UTC ISO strings; the email says the store's time, with its zone's name, as the admin does. */
function formatWhen(at: string): string {
  return formatStoreDateTime(at)
}
