import { errors as vineErrors } from '@vinejs/vine'
import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { InventoryPort, type StockAdjustment, type StockLocation } from '#plugin_host/extension_points/inventory'
import { ImportFormatError, type ImportProgress } from '#actions/catalog/import_products'
import type { CsvRow } from '#import_export/importers/csv_rows'
import {
  lineReference,
  mapColumns,
  pick,
  runBatchedCsvImport,
  type RowImportResult,
  type RowProblem,
} from '#import_export/importers/batched_csv_import'
import { inventoryRowValidator, type InventoryRow } from '#validators/inventory_import'

export type InventoryImportMode = 'set' | 'add'

export interface ImportInventoryOptions {
  /** set: the file's quantity is the new on-hand count; add: it is added to it */
  mode?: InventoryImportMode
  dryRun?: boolean
  /** CSV of rows left out: line, sku, location, kind, message */
  reportPath?: string
  batchSize?: number
  inventory?: InventoryPort
  onProgress?: (progress: ImportProgress) => void
}

export interface InventoryProblem extends RowProblem {
  sku: string | null
  location: string | null
}

export type ImportInventoryResult = RowImportResult<InventoryProblem> & { mode: InventoryImportMode }

const COLUMNS = {
  sku: ['sku', 'variant_sku'],
  location: ['location', 'location_code'],
  onHand: ['on_hand', 'quantity'],
}

/** Matched by sku and location code: the level a row sets. */
interface Target {
  line: number
  row: InventoryRow
  locationId: number
}

/**
 * Sets stock from a CSV of `sku, location, on_hand` (a stock count, a
 * supplier's feed): `on_hand` is the absolute count at that location (the
 * default location when blank), or with `mode: 'add'` a change. Each level
 * changes by the difference with what is on hand, through the inventory
 * port (`adjustMany`, reason `count`, actor `cli`, reference `file:line`),
 * so running the file again changes nothing. Rows naming an unknown SKU or
 * location, a quantity that is not a whole number, a negative count, or a
 * count below what is reserved for orders are reported with their line while
 * the rest applies.
 */
export default class ImportInventory {
  async handle(path: string, options: ImportInventoryOptions = {}): Promise<ImportInventoryResult> {
    const mode = options.mode ?? 'set'
    const inventory = options.inventory ?? (await app.container.make(InventoryPort))
    const locations = await inventory.locations()
    let columns = new Map<keyof typeof COLUMNS, string>()

    const result = await runBatchedCsvImport<InventoryProblem>({
      path,
      dryRun: options.dryRun,
      reportPath: options.reportPath,
      reportColumns: ['line', 'sku', 'location', 'kind', 'message'],
      batchSize: options.batchSize,
      onProgress: options.onProgress,
      checkHeaders(headers) {
        columns = mapColumns(headers, COLUMNS)
        if (!columns.has('sku') || !columns.has('onHand')) {
          throw new ImportFormatError(`A stock file needs the columns sku and on_hand (optional: location); found ${headers.join(', ')}`)
        }
      },
      writeBatch: (trx, rows, report) => this.#writeBatch(trx, rows, report, { mode, inventory, locations, columns, path }),
    })
    return { mode, ...result }
  }

  async #writeBatch(
    trx: TransactionClientContract,
    rows: CsvRow[],
    reportNow: (problem: InventoryProblem) => void,
    context: {
      mode: InventoryImportMode
      inventory: InventoryPort
      locations: StockLocation[]
      columns: Map<keyof typeof COLUMNS, string>
      path: string
    }
  ) {
    // Problems are found in several passes; the report lists them in file order.
    const problems: InventoryProblem[] = []
    const report = (problem: InventoryProblem) => problems.push(problem)
    const targets: Target[] = []
    for (const { line, record } of rows) {
      const values = pick(record, context.columns)
      const problem = (message: string) =>
        report({ line, sku: values.sku?.trim() || null, location: values.location?.trim() || null, kind: 'error', message })
      const row = await readRow(values)
      if (typeof row === 'string') {
        problem(row)
        continue
      }
      const location = row.location ? context.locations.find((candidate) => candidate.code === row.location) : context.locations[0]
      if (!location) problem(`No stock location with code "${row.location}"`)
      else if (context.mode === 'set' && row.on_hand < 0) problem(`on_hand ${row.on_hand} is negative: a count is 0 or more`)
      else targets.push({ line, row, locationId: location.id })
    }

    const variantIds = await variantsBySku(trx, [...new Set(targets.map((target) => target.row.sku))])
    const known = targets.filter((target) => variantIds.has(target.row.sku))
    for (const target of targets) {
      if (!variantIds.has(target.row.sku)) {
        report({ line: target.line, sku: target.row.sku, location: target.row.location || null, kind: 'error', message: `No variant with SKU "${target.row.sku}"` })
      }
    }

    // Read in the batch transaction: the levels cannot change under us until it commits.
    const levels = new Map<string, { onHand: number; reserved: number }>()
    for (const level of await context.inventory.levels([...new Set(variantIds.values())], trx)) {
      levels.set(`${level.variantId}:${level.locationId}`, { onHand: level.onHand, reserved: level.reserved })
    }
    const adjustments: StockAdjustment[] = []
    let unchanged = 0
    for (const target of known) {
      const variantId = variantIds.get(target.row.sku)!
      const key = `${variantId}:${target.locationId}`
      const level = levels.get(key) ?? { onHand: 0, reserved: 0 }
      const wanted = context.mode === 'set' ? target.row.on_hand : level.onHand + target.row.on_hand
      if (wanted < Math.max(level.reserved, 0) || wanted < 0) {
        const why = level.reserved > 0 ? `below the ${level.reserved} reserved for open orders` : 'below zero'
        report({ line: target.line, sku: target.row.sku, location: target.row.location || null, kind: 'error', message: `on hand would be ${wanted}, ${why}` })
        continue
      }
      if (wanted === level.onHand) {
        unchanged += 1
        continue
      }
      adjustments.push({
        variantId,
        locationId: target.locationId,
        delta: wanted - level.onHand,
        reason: 'count',
        actor: 'cli',
        reference: lineReference(context.path, target.line),
      })
      // A later row of the same level in this batch starts from this count.
      levels.set(key, { ...level, onHand: wanted })
    }
    await context.inventory.adjustMany(adjustments, trx)
    for (const problem of problems.sort((a, b) => a.line - b.line)) reportNow(problem)
    return { created: 0, updated: adjustments.length, unchanged }
  }
}

/** The row validated, or what is wrong with it. */
async function readRow(values: Partial<Record<keyof typeof COLUMNS, string>>): Promise<InventoryRow | string> {
  try {
    return await inventoryRowValidator.validate({
      sku: values.sku,
      location: values.location,
      // A blank cell is a missing quantity, not 0.
      on_hand: values.onHand?.trim() ? values.onHand.trim() : undefined,
    })
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      return error.messages.map((message: { message: string }) => message.message).join('; ')
    }
    throw error
  }
}

/** Variant ids by SKU, 500 SKUs per query. */
async function variantsBySku(trx: TransactionClientContract, skus: string[]) {
  const ids = new Map<string, number>()
  for (let start = 0; start < skus.length; start += 500) {
    const rows = await trx.from('variants').whereIn('sku', skus.slice(start, start + 500)).select('id', 'sku')
    for (const row of rows) ids.set(row.sku, Number(row.id))
  }
  return ids
}
