import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { Transform, type TransformCallback } from 'node:stream'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { ImportRowError } from '#import_export/importers/types'
import { withoutSpreadsheetGuard } from '#services/csv'

export type CsvRecord = Record<string, string>

export interface CsvRow {
  /** 1-based physical line (counted in LF line breaks) where the record starts; the header is line 1 */
  line: number
  record: CsvRecord
  /** the first column whose cell is over MAX_CELL_CHARS; readers refuse the row */
  oversized?: string
}

/**
 * The largest cell a row may carry (1 MiB of text): a description bigger
 * than that is a pasted file, not a product, and would be stored, indexed
 * and rendered on every page view.
 */
export const MAX_CELL_CHARS = 1_048_576

/**
 * A record the parser will not assemble at all (64 MiB): past this the file
 * is not a CSV of products, and buffering it would exhaust memory.
 */
const MAX_RECORD_CHARS = 64 * 1_048_576

const LF = 0x0a
const CR = 0x0d

/**
 * Counts LF bytes up to any offset the parser has reached. The parser's own
 * line counter treats a lone CR inside a quoted cell as a line break, and
 * counts quoted line breaks differently by record delimiter, so the line an
 * editor or `sed -n` shows is derived here from the bytes themselves.
 */
class LineCounter extends Transform {
  #chunks: Buffer[] = []
  /** absolute offset of #chunks[0] */
  #base = 0
  /** bytes before `position` and LFs among them */
  #position = 0
  #lines = 0

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.#chunks.push(chunk)
    done(null, chunk)
  }

  #byteAt(offset: number): number {
    let start = this.#base
    for (const chunk of this.#chunks) {
      if (offset < start + chunk.length) return chunk[offset - start]
      start += chunk.length
    }
    return -1
  }

  #countTo(end: number) {
    let start = this.#base
    for (const chunk of this.#chunks) {
      const chunkEnd = start + chunk.length
      if (chunkEnd > this.#position && start < end) {
        let from = Math.max(this.#position, start) - start
        const to = Math.min(end, chunkEnd) - start
        for (let at = chunk.indexOf(LF, from); at !== -1 && at < to; at = chunk.indexOf(LF, from)) {
          this.#lines += 1
          from = at + 1
        }
      }
      start = chunkEnd
    }
    this.#position = Math.max(this.#position, end)
    // Chunks wholly behind the parser are never read again.
    while (this.#chunks.length && this.#base + this.#chunks[0].length <= this.#position) {
      this.#base += this.#chunks.shift()!.length
    }
  }

  /**
   * The line of the record that ends at byte `end`: line breaks (the
   * previous record's terminator, skipped empty lines) are stepped over,
   * the record's first byte gives its line, then its own bytes are counted.
   */
  recordEnding(end: number): number {
    for (let byte = this.#byteAt(this.#position); (byte === LF || byte === CR) && this.#position < end; byte = this.#byteAt(this.#position)) {
      if (byte === LF) this.#lines += 1
      this.#position += 1
    }
    const line = this.#lines + 1
    this.#countTo(end)
    return line
  }
}

/**
 * Streams a CSV file record by record with constant memory, keeping
 * counters (rows, bytes read) that progress reporting samples. The
 * apostrophe that exports put before a cell starting with = + - @ (ours,
 * WooCommerce's, so spreadsheets do not run it as a formula) is taken off
 * here, once for every importer: `'-2` is -2 and `'=SUM(1)` the text it was.
 */
export class CsvRows implements AsyncIterable<CsvRow> {
  rows = 0
  bytes = 0
  totalBytes = 0
  headers: string[] = []

  constructor(readonly path: string) {}

  async *[Symbol.asyncIterator](): AsyncIterator<CsvRow> {
    this.totalBytes = (await stat(this.path)).size
    const lines = new LineCounter()
    const parser = createReadStream(this.path)
      .pipe(lines)
      .pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS }))
    let header: string[] | null = null
    for await (const { record: cells, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      const line = lines.recordEnding(Number(info.bytes))
      if (!header) {
        header = this.headers = cells.map((name) => name.trim())
        continue
      }
      this.rows += 1
      this.bytes = Number(info.bytes)
      const record: CsvRecord = {}
      let oversized: string | undefined
      for (const [index, name] of header.entries()) {
        const value = withoutSpreadsheetGuard(cells[index] ?? '')
        if (value.length > MAX_CELL_CHARS) oversized ??= name
        record[name] = value
      }
      yield oversized ? { line, record, oversized } : { line, record }
    }
  }
}

/** Refuses a row with a cell over MAX_CELL_CHARS, naming the column. */
export function refuseOversized(row: CsvRow) {
  if (row.oversized) {
    throw new ImportRowError(row.line, `${row.oversized} is longer than ${MAX_CELL_CHARS / 1_048_576} MB of text: shorten it`)
  }
}

/** Header text fit to quote in a message: printable characters only, at most `max` of them. */
export function headerPreview(headers: string[], max = 100) {
  const text = headers.join(', ').replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '')
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** Reads only the header row (from the first 64 KiB), to tell formats apart. */
export async function readHeaders(path: string): Promise<string[]> {
  return ((await readFirstRows(path, 1))[0] ?? []).map((name) => name.trim())
}

/**
 * The first `count` physical lines as rows (from the first 64 KiB; a quoted
 * line break ends the sample early), to recognise a file by its cells when
 * its headers say nothing.
 */
export async function readFirstRows(path: string, count: number): Promise<string[][]> {
  const file = await open(path)
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(65_536), 0, 65_536, 0)
    return parseSync(buffer.subarray(0, bytesRead), { bom: true, to_line: count, relax_column_count: true, relax_quotes: true })
  } finally {
    await file.close()
  }
}
