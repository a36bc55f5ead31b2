import { performance } from 'node:perf_hooks'
import type { Writable } from 'node:stream'
import type { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort, type StockLevel } from '#plugin_host/extension_points/inventory'
import { recordWriter, type ExportFormat } from '#import_export/exporters/record_writer'
import type { ProgressSample } from '#cli/progress'

export const INVENTORY_EXPORT_COLUMNS = ['sku', 'handle', 'variant_title', 'location', 'on_hand', 'reserved', 'available']

export interface ExportRecordsOptions {
  /** a file path, or a stream (stdout) */
  output: string | Writable
  format?: ExportFormat
  /** only rows changed (inventory, customers) or placed (orders) at or after this instant */
  since?: DateTime
  pageSize?: number
  onProgress?(sample: ProgressSample): void
}

export interface ExportRecordsResult {
  rows: number
  ms: number
}

/**
 * Writes stock per variant and location (sku, product handle, variant title,
 * location code, on hand, reserved, available), streamed by keyset pages of
 * variants, through the inventory port. A variant without stock anywhere
 * gets one row of zeros at the default location, so the file lists every
 * SKU; `since` keeps only levels changed since then. The file imports back
 * with `stockroom import inventory` unchanged.
 */
export default class ExportInventory {
  async handle(options: ExportRecordsOptions): Promise<ExportRecordsResult> {
    const started = performance.now()
    const inventory = await app.container.make(InventoryPort)
    const fallback = (await inventory.locations())[0]
    const since = options.since?.toJSDate()
    const writer = recordWriter(options.output, options.format ?? 'csv', INVENTORY_EXPORT_COLUMNS)
    const total = Number((await db.from('variants').count('* as total').first())?.total ?? 0)
    let rows = 0
    let done = 0
    let afterId = 0
    for (;;) {
      const variants = await db
        .from('variants')
        .join('products', 'products.id', 'variants.product_id')
        .where('variants.id', '>', afterId)
        .orderBy('variants.id')
        .limit(options.pageSize ?? 500)
        .select('variants.id', 'variants.sku', 'variants.title', 'products.handle')
      if (!variants.length) break
      afterId = Number(variants.at(-1)!.id)

      const levels = new Map<number, StockLevel[]>()
      for (const level of await inventory.levels(variants.map((variant) => Number(variant.id)))) {
        levels.set(level.variantId, [...(levels.get(level.variantId) ?? []), level])
      }
      for (const variant of variants) {
        const base = { sku: variant.sku, handle: variant.handle, variant_title: variant.title }
        const own = levels.get(Number(variant.id)) ?? []
        const stock = own.length || since ? own : [{ locationCode: fallback.code, onHand: 0, reserved: 0, updatedAt: new Date(0) }]
        for (const level of stock) {
          if (since && level.updatedAt < since) continue
          await writer.write({
            ...base,
            location: level.locationCode,
            on_hand: level.onHand,
            reserved: level.reserved,
            available: level.onHand - level.reserved,
          })
          rows++
        }
      }
      done += variants.length
      options.onProgress?.({ rows: done, bytes: done, totalBytes: total })
    }
    await writer.end()
    return { rows, ms: Math.round(performance.now() - started) }
  }
}
