import { basename } from 'node:path'
import { performance } from 'node:perf_hooks'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { CsvRows, readHeaders, type CsvRecord, type CsvRow } from '#import_export/importers/csv_rows'
import { ErrorReport } from '#import_export/importers/error_report'
import type { ImportProgress } from '#actions/catalog/import_products'


/** A row an import left out, with its file line; `kind` as in the product import's report. */
export interface RowProblem {
  line: number
  kind: 'error' | 'skipped'
  message: string
}

export interface RowImportCounts {
  created: number
  updated: number
  unchanged: number
}

export interface RowImportResult<Problem extends RowProblem> extends RowImportCounts {
  dryRun: boolean
  rows: number
  skipped: number
  /** the first MAX_PROBLEMS_KEPT errors; errorCount has them all, the report every one */
  errors: Problem[]
  errorCount: number
  ms: number
}

const MAX_PROBLEMS_KEPT = 1000

/**
 * Normalised header name: lower case, runs of anything else than letters
 * and digits as one underscore ("Default Address Zip" → default_address_zip).
 */
export function columnKey(header: string) {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
}

/**
 * Finds each field's column among the file's headers by its aliases
 * (normalised with columnKey, first alias present wins). A field whose
 * column is absent is left out of the returned map.
 */
export function mapColumns<Field extends string>(headers: string[], aliases: Record<Field, string[]>) {
  const byKey = new Map(headers.map((header) => [columnKey(header), header]))
  const columns = new Map<Field, string>()
  for (const [field, names] of Object.entries(aliases) as Array<[Field, string[]]>) {
    const found = names.find((name) => byKey.has(name))
    if (found) columns.set(field, byKey.get(found)!)
  }
  return columns
}

/** The values of the mapped fields in one record (absent columns stay absent). */
export function pick<Field extends string>(record: CsvRecord, columns: Map<Field, string>) {
  const values: Partial<Record<Field, string>> = {}
  for (const [field, header] of columns) values[field] = record[header] ?? ''
  return values
}

export interface BatchedCsvImport<Problem extends RowProblem> {
  path: string
  dryRun?: boolean
  reportPath?: string
  /** columns of the report, in order: the fields of Problem */
  reportColumns: Array<keyof Problem & string>
  /** rows per transaction */
  batchSize?: number
  onProgress?: (progress: ImportProgress) => void
  /** checks the headers before anything is read; throw ImportFormatError to refuse the file (exit code 2) */
  checkHeaders(headers: string[]): void
  /**
   * Writes one batch inside `trx` and returns what it did; rows it leaves
   * out go to `report`. Rolled back afterwards on a dry run.
   */
  writeBatch(trx: TransactionClientContract, rows: CsvRow[], report: (problem: Problem) => void): Promise<RowImportCounts>
}

/**
 * The frame shared by the row imports (inventory, customers): streams the
 * CSV with constant memory, hands it over in batches of 500 rows, one
 * transaction each, writes the report as problems happen and counts what
 * was done. A failing batch (a lost connection) stops the import with the
 * earlier batches committed; these imports are idempotent, so running the
 * file again finishes the job.
 */
export async function runBatchedCsvImport<Problem extends RowProblem>(
  spec: BatchedCsvImport<Problem>
): Promise<RowImportResult<Problem>> {
  const started = performance.now()
  spec.checkHeaders(await readHeaders(spec.path))
  const dryRun = Boolean(spec.dryRun)
  const rows = new CsvRows(spec.path)
  const reportFile = new ErrorReport<Problem>(spec.reportPath, false, spec.reportColumns)
  const result: RowImportResult<Problem> = {
    dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [], errorCount: 0, ms: 0,
  }
  const report = (problem: Problem) => {
    reportFile.add(problem)
    if (problem.kind === 'skipped') {
      result.skipped += 1
      return
    }
    result.errorCount += 1
    if (result.errors.length < MAX_PROBLEMS_KEPT) result.errors.push(problem)
  }
  const write = async (batch: CsvRow[]) => {
    const trx = await db.transaction()
    try {
      const counts = await spec.writeBatch(trx, batch, report)
      if (dryRun) await trx.rollback()
      else await trx.commit()
      result.created += counts.created
      result.updated += counts.updated
      result.unchanged += counts.unchanged
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      throw error
    }
    spec.onProgress?.({ rows: rows.rows, bytes: rows.bytes, totalBytes: rows.totalBytes })
  }

  try {
    let batch: CsvRow[] = []
    for await (const row of rows) {
      batch.push(row)
      if (batch.length >= (spec.batchSize ?? 500)) {
        await write(batch)
        batch = []
      }
    }
    if (batch.length) await write(batch)
  } finally {
    await reportFile.close()
  }
  result.rows = rows.rows
  result.ms = Math.round(performance.now() - started)
  return result
}

/** `file.csv:12`: the ledger reference of a file line. */
export function lineReference(path: string, line: number) {
  return `${basename(path)}:${line}`
}
