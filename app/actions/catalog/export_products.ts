import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import type { Writable } from 'node:stream'
import { csvStringifier } from '#services/csv'
import app from '@adonisjs/core/services/app'
import Product, { type ProductStatus } from '#models/product'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { storedImageUrl } from '#import_export/image_source'
import { attachRelations } from '#queries/product_relations_query'
import { SHOPIFY_HEADER, shopifyRows } from '#import_export/exporters/shopify_rows'
import type { ProgressSample } from '#cli/progress'

export interface ExportProductsOptions {
  /** a file path, or a stream (stdout) */
  output: string | Writable
  status?: ProductStatus[]
  /** csv: Shopify's product CSV (default); jsonl: one product per line as JSON, with its relations */
  format?: 'csv' | 'jsonl'
  /** products per page: three queries a page, whatever the catalog size */
  pageSize?: number
  onProgress?(sample: ProgressSample): void
}

export interface ExportProductsResult {
  products: number
  variants: number
  rows: number
  ms: number
}

/**
 * Writes the catalog as a Shopify product CSV, streamed page by page
 * (keyset on id), so memory stays flat on 100k products. Stock is the
 * sellable quantity, which is what the importer reads back; images are
 * their source URLs, or absolute URLs of stored files (set APP_URL), which
 * the importer recognises as the same images.
 */
export default class ExportProducts {
  async handle(options: ExportProductsOptions): Promise<ExportProductsResult> {
    const started = performance.now()
    const pageSize = options.pageSize ?? 500
    const statuses = options.status?.length ? options.status : null
    const inventory = await app.container.make(InventoryPort)

    const total = Number(
      (await Product.query().if(statuses, (query) => query.whereIn('status', statuses!)).count('* as total').first())
        ?.$extras.total ?? 0
    )
    const target = typeof options.output === 'string' ? createWriteStream(options.output) : options.output
    const jsonl = options.format === 'jsonl'
    const sink = jsonl ? target : csvStringifier({ header: true, columns: [...SHOPIFY_HEADER] })
    if (!jsonl) sink.pipe(target)

    const result = { products: 0, variants: 0, rows: 0, ms: 0 }
    let afterId = 0
    for (;;) {
      const products = await Product.query()
        .where('id', '>', afterId)
        .if(statuses, (query) => query.whereIn('status', statuses!))
        .orderBy('id')
        .limit(pageSize)
      if (!products.length) break
      await attachRelations(products)
      afterId = products.at(-1)!.id

      const available = await inventory.available(products.flatMap((product) => product.variants.map((v) => v.id)))
      for (const product of products) {
        const rows = jsonl ? [productLine(product, available)] : shopifyRows(product, { available, imageUrl: storedImageUrl })
        for (const row of rows) {
          // Respect back-pressure: a slow disk or pipe must not buffer the catalog.
          if (!sink.write(row)) await once(sink, 'drain')
          result.rows++
        }
        result.products++
        result.variants += product.variants.length
      }
      options.onProgress?.({ rows: result.products, bytes: result.products, totalBytes: total })
    }

    sink.end()
    await once(target, 'finish')
    result.ms = Math.round(performance.now() - started)
    return result
  }
}

/** A product as one JSON line: its serialized fields and relations, each variant with its sellable stock. */
function productLine(product: Product, available: Map<number, number>) {
  const json = product.serialize()
  json.variants = json.variants.map((variant: { id: number }) => ({ ...variant, available: available.get(variant.id) ?? 0 }))
  return JSON.stringify(json) + '\n'
}
