import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'

export interface CheckpointCounts {
  created: number
  updated: number
  unchanged: number
  skipped: number
  errorCount: number
}

const ZERO: CheckpointCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0, errorCount: 0 }

async function fingerprint(path: string, options: Record<string, unknown>) {
  const hash = createHash('sha256')
  hash.update(JSON.stringify(options))
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Where an import run stands, kept in `import_runs`. `start` finds an
 * unfinished run of the same file with the same options and resumes after
 * its last committed batch; `save` runs inside each batch's transaction,
 * so the checkpoint and the rows it counts commit together or not at all.
 */
export class ImportCheckpoint {
  private constructor(
    readonly id: number,
    /** products that started at or before this file line are already written */
    readonly resumeLine: number,
    /** counts of the earlier, interrupted attempts */
    readonly carried: CheckpointCounts
  ) {}

  static async start(kind: string, path: string, options: Record<string, unknown>, restart = false) {
    const print = await fingerprint(path, options)
    const now = dbTimestamp()
    const unfinished = db.from('import_runs').where({ kind, fingerprint: print }).whereIn('status', ['running', 'failed'])
    if (restart) {
      await unfinished.clone().update({ status: 'abandoned', updated_at: now })
    } else {
      const previous = await unfinished.clone().orderBy('id', 'desc').first()
      if (previous) {
        await db.from('import_runs').where('id', previous.id).update({ status: 'running', last_error: null, updated_at: now })
        const counts = typeof previous.counts === 'string' ? JSON.parse(previous.counts) : previous.counts
        return new ImportCheckpoint(Number(previous.id), Number(previous.resume_line), { ...ZERO, ...counts })
      }
    }
    const [row] = await db
      .table('import_runs')
      .insert({
        kind,
        file_name: basename(path),
        fingerprint: print,
        status: 'running',
        resume_line: 0,
        counts: JSON.stringify(ZERO),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    return new ImportCheckpoint(Number(typeof row === 'object' ? row.id : row), 0, { ...ZERO })
  }

  /** Records progress in the batch's transaction: totals so far (carried ones included). */
  async save(trx: TransactionClientContract, resumeLine: number, totals: CheckpointCounts) {
    await trx
      .from('import_runs')
      .where('id', this.id)
      .update({ resume_line: resumeLine, counts: JSON.stringify(totals), updated_at: dbTimestamp(trx) })
  }

  async finish(status: 'completed' | 'failed', totals: CheckpointCounts, error?: unknown) {
    const now = dbTimestamp()
    await db
      .from('import_runs')
      .where('id', this.id)
      .update({
        status,
        counts: JSON.stringify(totals),
        last_error: error ? String((error as Error).message ?? error).slice(0, 2000) : null,
        finished_at: status === 'completed' ? now : null,
        updated_at: now,
      })
  }
}
