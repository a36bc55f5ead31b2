import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'

export type CsvRecord = Record<string, string>

export interface CsvRow {
  /** 1-based file line where the record starts (the header is line 1) */
  line: number
  record: CsvRecord
}

/**
 * Streams a CSV file record by record with constant memory, keeping
 * counters (rows, bytes read) that progress reporting samples.
 */
export class CsvRows implements AsyncIterable<CsvRow> {
  rows = 0
  bytes = 0
  totalBytes = 0
  headers: string[] = []

  constructor(readonly path: string) {}

  async *[Symbol.asyncIterator](): AsyncIterator<CsvRow> {
    this.totalBytes = (await stat(this.path)).size
    const parser = createReadStream(this.path).pipe(
      parse({
        bom: true,
        info: true,
        skip_empty_lines: true,
        relax_column_count: true,
        columns: (header: string[]) => (this.headers = header.map((name) => name.trim())),
      })
    )
    for await (const { record, info } of parser as AsyncIterable<{ record: CsvRecord; info: any }>) {
      this.rows += 1
      this.bytes = Number(info.bytes)
      // info.lines is where the record ends; a quoted field may span lines.
      let newlines = 0
      for (const value of Object.values(record)) for (const char of value) if (char === '\n') newlines += 1
      yield { line: Number(info.lines) - newlines, record }
    }
  }
}

/** Reads only the header row (from the first 64 KiB), to tell formats apart. */
export async function readHeaders(path: string): Promise<string[]> {
  const file = await open(path)
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(65_536), 0, 65_536, 0)
    const rows: string[][] = parseSync(buffer.subarray(0, bytesRead), { bom: true, to_line: 1, relax_column_count: true, relax_quotes: true })
    return (rows[0] ?? []).map((name) => name.trim())
  } finally {
    await file.close()
  }
}
