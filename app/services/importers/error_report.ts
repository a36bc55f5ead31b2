import { createWriteStream, existsSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'

export interface ReportedRow {
  line: number
  handle: string | null
  sku?: string | null
  kind: 'error' | 'skipped'
  message: string
}

const CELL_NEEDS_QUOTES = /[",\n\r]/

function cell(value: unknown) {
  const text = value === null || value === undefined ? '' : String(value)
  return CELL_NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A CSV of the rows an import left out, written as they happen so memory stays flat. */
export class ErrorReport {
  #stream: WriteStream | null

  /** `append`: a resumed import adds to the report of the attempt it continues. */
  constructor(path: string | undefined, append = false) {
    const continuing = Boolean(path && append && existsSync(path))
    this.#stream = path ? createWriteStream(path, { flags: continuing ? 'a' : 'w' }) : null
    if (!continuing) this.#stream?.write('line,handle,sku,kind,message\n')
  }

  add(row: ReportedRow) {
    this.#stream?.write([row.line, row.handle, row.sku, row.kind, row.message].map(cell).join(',') + '\n')
  }

  async close() {
    if (!this.#stream) return
    this.#stream.end()
    await once(this.#stream, 'finish')
  }
}
