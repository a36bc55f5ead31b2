import type { RowImportResult, RowProblem } from '#import_export/importers/batched_csv_import'

/** The summary of a row import (inventory, customers): counts, then the first problems with their lines. */
export function rowImportSummary(
  result: RowImportResult<RowProblem & { subject?: string | null }>,
  what: string,
  counts: Array<[string, number]>
) {
  const lines = [
    `${result.dryRun ? 'Dry run (nothing written): would import' : 'Imported'} ${result.rows} rows (${what}) in ${(result.ms / 1000).toFixed(1)} s`,
    ...counts.map(([label, count]) => `  ${label.padEnd(10)} ${count}`),
    `  errors     ${result.errorCount}`,
    ...result.errors.slice(0, 10).map((error) => `    line ${error.line}${error.subject ? ` (${error.subject})` : ''}: ${error.message}`),
  ]
  if (result.errorCount > 10) lines.push(`    … ${result.errorCount - 10} more (use --report <file.csv>)`)
  return lines.join('\n') + '\n'
}
