import db from '@adonisjs/lucid/services/db'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { diffChanges, recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'

/**
 * Creates (id null) or updates one settings row and writes the audit entry
 * in the same transaction. `check` runs inside it first, for rules that
 * read other rows (a code already taken, a country in another zone).
 */
export async function auditedSave<M extends LucidModel>(
  model: M,
  id: number | null,
  values: Partial<InstanceType<M>>,
  options: {
    actor: Actor
    subjectType: string
    snapshot: (row: InstanceType<M>) => Record<string, unknown>
    check?: (trx: TransactionClientContract, row: InstanceType<M> | null) => Promise<void>
  }
): Promise<InstanceType<M>> {
  return db.transaction(async (trx) => {
    const existing = id ? ((await model.findOrFail(id, { client: trx })) as InstanceType<M>) : null
    if (options.check) await options.check(trx, existing)
    const row = (existing ?? new model()) as InstanceType<M> & LucidRow
    row.useTransaction(trx)
    const before = existing ? options.snapshot(existing) : {}
    row.merge(values as any)
    await row.save()
    await recordAudit(
      {
        actor: options.actor,
        action: `${options.subjectType}.${existing ? 'updated' : 'created'}`,
        subjectType: options.subjectType,
        subjectId: row.$primaryKeyValue as number,
        changes: diffChanges(before, options.snapshot(row)),
      },
      trx
    )
    return row
  })
}

/** Deletes one settings row with its audit entry; `check` may refuse first. */
export async function auditedDelete<M extends LucidModel>(
  model: M,
  id: number,
  options: {
    actor: Actor
    subjectType: string
    snapshot: (row: InstanceType<M>) => Record<string, unknown>
    check?: (trx: TransactionClientContract, row: InstanceType<M>) => Promise<void>
  }
): Promise<InstanceType<M>> {
  return db.transaction(async (trx) => {
    const row = (await model.findOrFail(id, { client: trx })) as InstanceType<M> & LucidRow
    if (options.check) await options.check(trx, row)
    const before = options.snapshot(row)
    row.useTransaction(trx)
    await row.delete()
    await recordAudit(
      { actor: options.actor, action: `${options.subjectType}.deleted`, subjectType: options.subjectType, subjectId: id, changes: diffChanges(before, {}) },
      trx
    )
    return row
  })
}
