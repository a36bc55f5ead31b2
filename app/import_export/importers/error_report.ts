import { createWriteStream, existsSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { csvLine } from '#services/csv'

export interface ReportedRow {
  line: number
  handle: string | null
  sku?: string | null
  /** error: the product was left out; skipped: nothing to import; warning: imported, with the change said in `message` */
  kind: 'error' | 'skipped' | 'warning'
  message: string
}

const PRODUCT_COLUMNS = ['line', 'handle', 'sku', 'kind', 'message']

/**
 * A CSV of the rows an import left out or changed, written as they happen so memory
 * stays flat. Products report `line,handle,sku,kind,message`; other imports
 * name their own columns (the fields of their rows).
 */
export class ErrorReport<Row extends object = ReportedRow> {
  #stream: WriteStream | null

  /** `append`: a resumed import adds to the report of the attempt it continues. */
  constructor(
    path: string | undefined,
    append = false,
    readonly columns: Array<keyof Row & string> = PRODUCT_COLUMNS as Array<keyof Row & string>
  ) {
    const continuing = Boolean(path && append && existsSync(path))
    this.#stream = path ? createWriteStream(path, { flags: continuing ? 'a' : 'w' }) : null
    if (!continuing) this.#stream?.write(columns.join(',') + '\n')
  }

  add(row: Row) {
    this.#stream?.write(csvLine(this.columns.map((column) => row[column])) + '\n')
  }

  async close() {
    if (!this.#stream) return
    this.#stream.end()
    await once(this.#stream, 'finish')
  }
}
