import { basename } from 'node:path'
import { performance } from 'node:perf_hooks'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Product from '#models/product'
import { attachRelations } from '#queries/product_relations_query'
import { recordEvent, recordEvents } from '#plugin_host/outbox'
import { InventoryPort, type StockAdjustment } from '#plugin_host/extension_points/inventory'
import { CsvRows, headerPreview, readFirstRows, readHeaders } from '#import_export/importers/csv_rows'
import { ErrorReport, type ReportedRow } from '#import_export/importers/error_report'
import { hasShopifyPrice, isShopifyHeader, knownUnusedShopifyColumns, readShopify, unreadShopifyColumns } from '#import_export/importers/shopify_reader'
import { JsonLines, isStockroomFile, readStockroom } from '#import_export/importers/stockroom_reader'
import { isWooCommerceHeader, looksLikeTranslatedWooCommerce, readWooCommerce, unreadWooCommerceColumns } from '#import_export/importers/woocommerce_reader'
import { ImportRowError, type ImportedProduct, type ReadItem } from '#import_export/importers/types'
import { checkLimits, writeImportedProduct, type WriteContext } from '#import_export/importers/product_writer'
import { insertNewProducts } from '#import_export/importers/bulk_product_writer'
import { invalidateCatalog } from '#catalog/catalog_cache'
import { ImportCheckpoint } from '#import_export/importers/import_checkpoint'
import { CatalogSnapshot } from '#import_export/importers/catalog_snapshot'
import { TableStatistics } from '#import_export/importers/table_statistics'
import { SkuClaims, dropOverlongSkus, fitSeoFields, releaseStoreOwnedSkus, type ImportWarning } from '#import_export/importers/import_rules'
import { humanDatabaseError } from '#import_export/importers/database_errors'

export type ImportFormat = 'shopify' | 'woocommerce' | 'stockroom'
export type ImportMode = 'upsert' | 'create-only' | 'update-only'

export interface ImportProductsOptions {
  format?: ImportFormat | 'auto'
  mode?: ImportMode
  /** link: pending product_images rows with their source URL; skip: ignore images */
  images?: 'link' | 'skip'
  /** run everything, then roll each batch back */
  dryRun?: boolean
  /** CSV of rows left out or changed to fit (line, handle, sku, kind, message) */
  reportPath?: string
  /** products per transaction */
  batchSize?: number
  inventory?: InventoryPort
  onProgress?: (progress: ImportProgress) => void
  /** start over instead of resuming an interrupted run of the same file */
  restart?: boolean
  /** called after each committed batch (the checkpoint is saved by then) */
  afterBatch?: (checkpoint: { resumeLine: number }) => void | Promise<void>
}

export interface ImportProgress {
  rows: number
  bytes: number
  totalBytes: number
}

export interface ImportProductsResult {
  format: ImportFormat
  /** columns of the file the importer does not read and does not know (Shopify's per-market prices, a plugin's metafields) */
  ignoredColumns: string[]
  /** columns it knows and leaves out on purpose, having nothing to put them in (`Variant Fulfillment Service`, which our own export writes) */
  knownColumns: string[]
  dryRun: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
  skipped: number
  /** the first MAX_ERRORS_KEPT problems; errorCount has them all, the report every one */
  errors: ReportedRow[]
  errorCount: number
  /**
   * what the import changed to keep a product in (a repeated SKU dropped,
   * an SEO text cut, a price-less product kept as a draft): the first
   * MAX_ERRORS_KEPT; warningCount has them all, the report every one
   */
  warnings: ReportedRow[]
  warningCount: number
  /** the file line an interrupted earlier run had reached, when this run resumed it */
  resumedAfterLine: number | null
  ms: number
}

const MAX_ERRORS_KEPT = 1000

/** Raised before anything is read when the file's format cannot be used. */
export class ImportFormatError extends Error {}

/**
 * Imports a Shopify (legacy, 2023 or 2024-25 headers) or WooCommerce product
 * CSV. Streams the file, groups rows into products, and writes them in
 * batched transactions with one savepoint per product, so a bad product is
 * reported (with its file line) while the rest imports. Idempotent: products
 * match on handle and variants on SKU (else option values), unchanged rows are
 * compared and left alone, and stock is adjusted only by the difference
 * through the inventory port. Images are linked as pending rows for a job to
 * fetch; nothing is downloaded here.
 */
export default class ImportProducts {
  async handle(path: string, options: ImportProductsOptions = {}): Promise<ImportProductsResult> {
    const started = performance.now()
    const { format, ignoredColumns, knownColumns } = await detectFormat(path, options.format ?? 'auto')
    const { rows, items } = openReader(path, format)
    const dryRun = Boolean(options.dryRun)
    const context: WriteContext = {
      mode: options.mode ?? 'upsert',
      images: options.images ?? 'link',
      inventory: options.inventory ?? (await app.container.make(InventoryPort)),
      reference: basename(path),
    }
    // A dry run writes nothing, so it has nothing to resume either.
    const checkpoint = dryRun
      ? null
      : await ImportCheckpoint.start('products', path, { format, mode: context.mode, images: context.images }, options.restart)
    const resumeLine = checkpoint?.resumeLine ?? 0
    const report = new ErrorReport(options.reportPath, resumeLine > 0)
    const result: ImportProductsResult = {
      format, ignoredColumns, knownColumns, dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [], errorCount: 0, warnings: [], warningCount: 0,
      ...checkpoint?.carried, resumedAfterLine: resumeLine || null, ms: 0,
    }
    const record = (row: ReportedRow) => {
      report.add(row)
      if (row.kind === 'skipped') {
        result.skipped += 1
      } else if (row.kind === 'warning') {
        result.warningCount += 1
        if (result.warnings.length < MAX_ERRORS_KEPT) result.warnings.push(row)
      } else {
        result.errorCount += 1
        if (result.errors.length < MAX_ERRORS_KEPT) result.errors.push(row)
      }
    }
    const progress = () => options.onProgress?.({ rows: rows.rows, bytes: rows.bytes, totalBytes: rows.totalBytes })
    const statistics = new TableStatistics()
    const writeBatch = async (batch: ImportedProduct[]) => {
      const before = result.created + result.updated
      await this.#writeBatch(batch, context, dryRun, result, record, checkpoint)
      await statistics.afterBatch(!dryRun && result.created + result.updated > before)
      if (checkpoint) await options.afterBatch?.({ resumeLine: batch.at(-1)!.line })
    }

    try {
      const batches = batchesOf(items, options.batchSize ?? 500, resumeLine, progress)
      // Reads (parses) the next batch while this one is in the database.
      const ahead = () => {
        const promise = batches.next()
        // awaited below; a write that fails first must not leave it unhandled
        promise.catch(() => {})
        return promise
      }
      let next = ahead()
      for (let current = await next; !current.done; current = await next) {
        next = ahead()
        for (const problem of current.value.problems) record(problem)
        if (current.value.products.length) await writeBatch(current.value.products)
      }
      progress()
      await checkpoint?.finish('completed', result)
    } catch (error) {
      await checkpoint?.finish('failed', result, error)
      throw error
    } finally {
      await report.close()
    }
    // storefront pages may show any imported product: drop the page cache once
    if (!dryRun && result.created + result.updated > 0) await invalidateCatalog()
    result.rows = rows.rows
    result.ms = Math.round(performance.now() - started)
    return result
  }

  /**
   * One transaction per batch. What exists is read first, outside it: the
   * inventory port reads on its own connection, which SQLite's single
   * writer connection would otherwise deadlock on.
   */
  async #writeBatch(
    batch: ImportedProduct[],
    context: WriteContext,
    dryRun: boolean,
    result: ImportProductsResult,
    record: (row: ReportedRow) => void,
    checkpoint: ImportCheckpoint | null
  ) {
    const snapshot = await CatalogSnapshot.load(batch, context.inventory, context.images === 'link')
    const warn = (warning: ImportWarning) => record({ ...warning, kind: 'warning' })
    for (const product of batch) releaseStoreOwnedSkus(product, snapshot.products.get(product.handle)?.id, snapshot.skuOwners, warn)
    // A handle twice in a batch is written twice, the second time over the first: leave those to the writer.
    const seen = new Map<string, number>()
    for (const product of batch) seen.set(product.handle, (seen.get(product.handle) ?? 0) + 1)
    const toWrite = batch.filter((product) => seen.get(product.handle)! > 1 || !snapshot.isUnchanged(product, context))
    const existing = { ...(await loadModels(toWrite, snapshot)), skuOwners: snapshot.skuOwners, available: snapshot.available }
    const trx = await db.transaction()
    try {
      const inserted = await this.#insertNew(trx, toWrite, snapshot, context)
      const adjustments: StockAdjustment[] = []
      for (const product of toWrite) {
        if (inserted.has(product)) continue
        let written
        try {
          // A savepoint per product: a failing one rolls back alone.
          written = await trx.transaction((savepoint) =>
            writeImportedProduct(savepoint, product, existing.products.get(product.handle), { ...context, ...existing })
          )
        } catch (error) {
          record(toReported(product, error))
          continue
        }
        adjustments.push(...written.adjustments)
        if (written.outcome === 'created' || written.outcome === 'updated') {
          const name = written.outcome === 'created' ? 'ProductCreated' : 'ProductUpdated'
          await recordEvent(name, { productId: written.productId! }, trx)
        }
        result[written.outcome] += 1
      }
      // The batch's stock in a few statements, on the batch transaction so commit
      // hooks run after the real commit. An adjustment cannot fail (on hand
      // becomes the quantity plus what is reserved) short of a concurrent
      // change, which then fails the batch.
      await context.inventory.adjustMany(adjustments, trx)
      result.created += inserted.size
      result.unchanged += batch.length - toWrite.length
      await checkpoint?.save(trx, batch.at(-1)!.line, result)
      if (dryRun) await trx.rollback()
      else await trx.commit()
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      throw error
    }
  }

  /**
   * The fast path: products the store does not have, whose handle and SKUs
   * are free and within limits, go in with multi-row inserts (about a dozen
   * statements per batch instead of ~40 per product). Anything else, or a
   * bulk insert the database refuses, takes the per-product path, which
   * reports each problem with its line.
   */
  async #insertNew(
    trx: TransactionClientContract,
    batch: ImportedProduct[],
    existing: CatalogSnapshot,
    context: WriteContext
  ): Promise<Set<ImportedProduct>> {
    if (context.mode === 'update-only') return new Set()
    const fresh = freshProducts(batch, existing)
    if (!fresh.length) return new Set()
    let written: Awaited<ReturnType<typeof insertNewProducts>>
    try {
      written = await trx.transaction((savepoint) => insertNewProducts(savepoint, fresh, { images: context.images }))
    } catch {
      // The savepoint rolled back: every one of them goes the careful way.
      return new Set()
    }
    // Stock and events on the batch transaction: commit hooks (cache drops) wait for the real commit.
    const stock = fresh.flatMap((product) => {
      const variantIds = written.variantIds.get(product.handle)!
      return product.variants.flatMap((variant, index): StockAdjustment[] =>
        variant.trackInventory && variant.quantity
          ? [{ variantId: variantIds[index], delta: variant.quantity, reason: 'import', actor: 'cli', reference: `${context.reference}:${variant.line}` }]
          : []
      )
    })
    await context.inventory.adjustMany(stock, trx)
    await recordEvents('ProductCreated', fresh.map((product) => ({ productId: written.productIds.get(product.handle)! })), trx)
    return new Set(fresh)
  }
}

/**
 * Groups what a reader yields into batches of products, with the row
 * problems read among them (recorded when their batch is written, so a
 * checkpoint never counts a problem past its line). Items the resumed run
 * already handled are dropped.
 */
async function* batchesOf(items: AsyncIterable<ReadItem>, size: number, resumeLine: number, progress: () => void) {
  let batch = { products: [] as ImportedProduct[], problems: [] as ReportedRow[] }
  // Claims run over the lines a resumed run skips too: who came first does not change.
  const skus = new SkuClaims()
  for await (const item of items) {
    progress()
    const resumed = (item.kind === 'product' ? item.product.line : item.line) <= resumeLine
    const warn = (warning: ImportWarning) => resumed || batch.problems.push({ ...warning, kind: 'warning' })
    if (item.kind === 'product') {
      dropOverlongSkus(item.product, warn)
      skus.claim(item.product, warn)
      fitSeoFields(item.product, warn)
    }
    if (resumed) continue
    if (item.kind === 'product') batch.products.push(item.product)
    else batch.problems.push({ ...item, kind: item.kind })
    if (batch.products.length >= size) {
      yield batch
      batch = { products: [], problems: [] }
    }
  }
  if (batch.products.length || batch.problems.length) yield batch
}

/** New products the bulk writer can take: unknown handle, unclaimed SKUs unique in the batch, within limits. */
function freshProducts(batch: ImportedProduct[], existing: CatalogSnapshot) {
  const handleCount = new Map<string, number>()
  const skuCount = new Map<string, number>()
  for (const product of batch) {
    handleCount.set(product.handle, (handleCount.get(product.handle) ?? 0) + 1)
    for (const variant of product.variants) if (variant.sku) skuCount.set(variant.sku, (skuCount.get(variant.sku) ?? 0) + 1)
  }
  return batch.filter((product) => {
    if (existing.products.has(product.handle) || handleCount.get(product.handle)! > 1) return false
    if (product.variants.some((v) => v.sku && (existing.skuOwners.has(v.sku) || skuCount.get(v.sku)! > 1))) return false
    try {
      checkLimits(product)
      return true
    } catch {
      return false
    }
  })
}

/** A product the writer refused, as the operator reads it: the row's line and SKU, never SQL. */
function toReported(product: ImportedProduct, error: unknown): ReportedRow {
  const line = error instanceof ImportRowError ? error.line : product.line
  const sku = product.variants.find((variant) => variant.line === line)?.sku ?? null
  const message = error instanceof ImportRowError ? error.message : humanDatabaseError(error)
  return { line, handle: product.handle, sku, kind: 'error', message }
}

async function detectFormat(path: string, requested: ImportFormat | 'auto'): Promise<{ format: ImportFormat; ignoredColumns: string[]; knownColumns: string[] }> {
  if ((requested === 'auto' || requested === 'stockroom') && (await isStockroomFile(path))) return { format: 'stockroom', ignoredColumns: [], knownColumns: [] }
  const headers = await readHeaders(path)
  if (isShopifyHeader(headers) && (requested === 'auto' || requested === 'shopify')) {
    // Every row would fail alike: one usage error says it once.
    if (!hasShopifyPrice(headers)) throw new ImportFormatError(`${basename(path)} has no price column (Variant Price, or Price in the 2024 template)`)
    const knownColumns = knownUnusedShopifyColumns(headers)
    return { format: 'shopify', ignoredColumns: unreadShopifyColumns(headers).filter((header) => !knownColumns.includes(header)), knownColumns }
  }
  if (isWooCommerceHeader(headers) && (requested === 'auto' || requested === 'woocommerce')) {
    return { format: 'woocommerce', ignoredColumns: unreadWooCommerceColumns(headers), knownColumns: [] }
  }
  if ((requested === 'auto' || requested === 'woocommerce') && (await translatedWooCommerce(path))) {
    throw new ImportFormatError(
      `${basename(path)} looks like a WooCommerce export with translated column names (headers: ${headerPreview(headers)}). ` +
        'Set your WordPress profile language to English (Users › Profile › Language) and export the products again'
    )
  }
  throw new ImportFormatError(
    requested === 'auto'
      ? `${basename(path)} is neither a Shopify nor a WooCommerce product CSV nor a Stockroom JSON Lines export (headers: ${headerPreview(headers)})`
      : requested === 'stockroom'
        ? `${basename(path)} is not a Stockroom JSON Lines export (one product object per line)`
        : `${basename(path)} does not have the headers of a ${requested} product CSV`
  )
}

async function translatedWooCommerce(path: string) {
  try {
    return looksLikeTranslatedWooCommerce(await readFirstRows(path, 2))
  } catch {
    return false // a first product row that does not parse is not one we can recognise
  }
}

/** The format's reader over a stream whose counters (rows, bytes) progress reporting samples. */
function openReader(path: string, format: ImportFormat): { rows: CsvRows | JsonLines; items: AsyncIterable<ReadItem> } {
  if (format === 'stockroom') {
    const lines = new JsonLines(path)
    return { rows: lines, items: readStockroom(lines) }
  }
  const rows = new CsvRows(path)
  return { rows, items: format === 'shopify' ? readShopify(rows, () => rows.headers) : readWooCommerce(rows, () => rows.headers) }
}

/** The stored products the writer will change, as models with their relations. */
async function loadModels(toWrite: ImportedProduct[], snapshot: CatalogSnapshot) {
  const products = new Map<string, Product>()
  const handles = [...new Set(toWrite.map((product) => product.handle).filter((handle) => snapshot.products.has(handle)))]
  if (!handles.length) return { products }
  const found = await Product.query().whereIn('handle', handles)
  for (const product of found) products.set(product.handle, product)
  await attachRelations(found)
  return { products }
}
