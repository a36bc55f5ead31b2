import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { csvStringifier } from '#services/csv'

export type ExportFormat = 'csv' | 'jsonl'
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'jsonl']

export type ExportRecord = Record<string, string | number | boolean | null>

/**
 * Writes flat records as CSV (a header of `columns`, booleans as yes/no) or
 * JSON Lines (one object per line, values typed), to a file or a stream,
 * text cells guarded against spreadsheet formulas (`#services/csv`),
 * waiting for the target to drain so a slow disk or pipe never makes the
 * export buffer the whole table.
 */
export function recordWriter(output: string | Writable, format: ExportFormat, columns: string[]) {
  const target = typeof output === 'string' ? createWriteStream(output) : output
  const sink: Writable =
    format === 'csv'
      ? csvStringifier({ header: true, columns, cast: { boolean: (value) => (value ? 'yes' : 'no') } })
      : target
  if (sink !== target) sink.pipe(target)

  return {
    async write(record: ExportRecord) {
      const ok = format === 'csv' ? sink.write(record) : sink.write(JSON.stringify(record) + '\n')
      if (!ok) await once(sink, 'drain')
    },
    async end() {
      sink.end()
      await once(target, 'finish')
    },
  }
}
