import type { HttpContext } from '@adonisjs/core/http'

/**
 * Who did something. The one shape the audit log, the order timeline and the
 * stock ledger record, whether the change came from the back-office, the
 * storefront, a job or the operator CLI.
 */
export interface Actor {
  type: 'staff' | 'customer' | 'system' | 'cli' | `plugin:${string}`
  id?: number | null
  ip?: string | null
  userAgent?: string | null
}

/** The signed-in staff member, with the request details the audit log keeps. */
export function staffActor({ auth, request }: Pick<HttpContext, 'auth' | 'request'>): Actor {
  const staff = auth.use('staff').user!
  return { type: 'staff', id: staff.id, ip: request.ip(), userAgent: request.header('user-agent') ?? null }
}

/** Work the application does on its own (expiry sweeps, queued jobs without a requester). */
export function systemActor(): Actor {
  return { type: 'system' }
}

/** The operator running the `stockroom` CLI or an ace command. */
export function cliActor(): Actor {
  return { type: 'cli' }
}

/**
 * The text form (`staff:7`, `cli`, `system`) that order events and stock
 * ledger rows store in their `actor` column; the admin joins staff names on it.
 */
export function actorLabel(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type
}
