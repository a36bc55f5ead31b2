import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#models/audit_log'

/** Who did it, as the controller knows them. */
export interface AuditActor {
  type: 'staff' | 'system' | 'cli' | `plugin:${string}`
  id?: number | null
  ip?: string | null
  userAgent?: string | null
}

/** `{ field: [before, after] }` for every field whose value differs; arrays compare by content. */
export function diffChanges(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, [unknown, unknown]> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null
    const to = after[key] ?? null
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = [from, to]
  }
  return changes
}

/**
 * Appends one audit row for a staff (or system) mutation, inside the
 * mutation's transaction so the record exists exactly when the change does.
 */
export async function recordAudit(
  entry: {
    actor: AuditActor
    action: string
    subjectType: string
    subjectId: string | number
    changes: Record<string, unknown> | null
  },
  trx?: TransactionClientContract
) {
  return AuditLog.create(
    {
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: String(entry.subjectId),
      changes: entry.changes,
      ip: entry.actor.ip ?? null,
      userAgent: entry.actor.userAgent?.slice(0, 512) ?? null,
    },
    { client: trx }
  )
}
