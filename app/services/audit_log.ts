import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#models/audit_log'
import type { Actor } from '#services/actor'

/** One audit row as callers describe it; `changes` is usually a `diffChanges()` result. */
export interface AuditEntry {
  actor: Actor
  action: string
  subjectType: string
  subjectId: string | number
  changes: Record<string, unknown> | null
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
 * Appends one audit row for a staff, CLI, system or plugin mutation. Pass the
 * mutation's transaction so the record exists exactly when the change does.
 * Core and plugins both record through here; it is a utility, not a use case.
 */
export async function recordAudit(entry: AuditEntry, trx?: TransactionClientContract) {
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
