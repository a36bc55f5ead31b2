import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import runtime from '#config/runtime'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { CsvRows } from '#import_export/importers/csv_rows'
import { readShopify } from '#import_export/importers/shopify_reader'
import type { ImportedProduct } from '#import_export/importers/types'
import { createRandom, demoStock, generateCatalog, type CatalogWording, type DemoProduct } from '#database/seeders/demo/generated_catalog'
import { insertNewProducts } from '#import_export/importers/bulk_product_writer'
import { TableStatistics } from '#import_export/importers/table_statistics'
import { writeTypeCollections } from '#database/seeders/demo/type_collections'
import { writeDemoHomePage } from '#database/seeders/demo/home_page'
import { invalidateStoreSettings } from '#settings/store_settings'
import { renderPlaceholders } from '#database/seeders/demo/placeholder_images'
import { dbTimestamp } from '#services/db_time'
import { mediaStorage } from '#config/drive'
import { copyLocalFiles } from '#catalog/product_media'

export interface SeedDemoCatalogOptions {
  /** folder of Shopify sample CSVs; defaults to DEFAULT_FIXTURES_DIR (in the repository) */
  fixturesDir?: string
  /** generated products on top of the imported ones */
  generated?: { active: number; drafts: number; archived: number }
  /** how generated products are named (default: the demo's friendly names) */
  wording?: CatalogWording
  seed?: number
  uploadsDir?: string
  /** defaults to the active inventory driver (the container's InventoryPort) */
  inventory?: InventoryPort
  /** draw a picture per product, stored with its srcset widths (default true; benchmarks skip it) */
  placeholders?: boolean
}

export interface SeedDemoCatalogResult {
  skipped: boolean
  imported: number
  generated: number
  activeProducts: number
  variants: number
  readyImages: number
  pendingImages: number
  collections: number
  ms: number
}

/**
 * Optional Shopify CSVs to add to the demo, inside the repository (the repo
 * ships none: the demo is generated). Never a path outside the checkout,
 * which a user's clone does not have.
 */
export const DEFAULT_FIXTURES_DIR = join(runtime.appRoot, 'database/seeders/demo/shopify_samples')
export const DEFAULT_GENERATED = { active: 200, drafts: 12, archived: 4 }

/**
 * Fills an empty store with a demo catalog: the Shopify sample products when
 * their CSVs are present, plus generated products (seeded PRNG, so counts are
 * the same on every run), stock through the inventory driver, a picture
 * drawn for each product (its type's silhouette in its own colours, stored
 * with srcset widths like an upload) and a few manual collections by type.
 * Does nothing when the store already has products.
 */
export default class SeedDemoCatalog {
  async handle(options: SeedDemoCatalogOptions = {}): Promise<SeedDemoCatalogResult> {
    const started = performance.now()
    const existing = await db.from('products').count('* as total').first()
    if (Number(existing?.total ?? 0) > 0) {
      return { skipped: true, imported: 0, generated: 0, activeProducts: 0, variants: 0, readyImages: 0, pendingImages: 0, collections: 0, ms: 0 }
    }

    const random = createRandom(options.seed ?? 20_240_601)
    const imported = await this.#importedProducts(options.fixturesDir ?? DEFAULT_FIXTURES_DIR, random)
    const generated = generateCatalog(random, options.generated ?? DEFAULT_GENERATED, options.wording)
    const taken = new Set(imported.map((product) => product.handle))
    const products = [...imported, ...generated.filter((product) => !taken.has(product.handle))]
    const inventory = options.inventory ?? (await app.container.make(InventoryPort))

    const written = await db.transaction(async (trx) => {
      const catalog = await insertNewProducts(trx, products)
      const stock = products.flatMap((product) => {
        const variantIds = catalog.variantIds.get(product.handle)!
        return product.stock.flatMap((quantity, index) =>
          quantity > 0
            ? [{ variantId: variantIds[index], delta: quantity, reason: 'seed' as const, actor: 'seed', reference: 'demo catalog' }]
            : []
        )
      })
      await inventory.adjustMany(stock, trx)
      const collections = await writeTypeCollections(trx, products, catalog.productIds, 4)
      await writeDemoHomePage(trx)
      return { ...catalog, collections }
    })
    await invalidateStoreSettings()
    // a bench catalog is queried right away: the planner must not still see empty tables
    await new TableStatistics(inventory).afterBatch(true)

    const readyImages =
      options.placeholders === false
        ? 0
        : await this.#placeholders(products, written.productIds, options.uploadsDir ?? runtime.uploadsDir)
    const result = {
      skipped: false,
      imported: imported.length,
      generated: products.length - imported.length,
      activeProducts: products.filter((product) => product.status === 'active').length,
      variants: products.reduce((sum, product) => sum + product.variants.length, 0),
      readyImages,
      pendingImages: written.pendingImages,
      collections: written.collections,
      ms: Math.round(performance.now() - started),
    }
    return result
  }

  async #importedProducts(dir: string, random: ReturnType<typeof createRandom>): Promise<DemoProduct[]> {
    const fixtures = await readShopifyFolder(dir)
    if (!fixtures) {
      // The repository ships no samples, so their absence is the normal case, not news.
      logger.debug('no Shopify CSVs in %s: the demo catalog has generated products only', dir)
      return []
    }
    // The samples' quantities are placeholders (0 or 1); demo stock makes the store browsable.
    return fixtures.map((product) => ({
      ...product,
      stock: demoStock(random, product.variants.length),
      hue: random.int(0, 359),
    }))
  }

  /** One drawn picture per product, after any imported (pending) pictures. */
  async #placeholders(products: DemoProduct[], productIds: Map<string, number>, uploadsDir: string) {
    const rendered = await renderPlaceholders(
      uploadsDir,
      products.map((product) => ({
        productId: productIds.get(product.handle)!,
        title: product.title,
        caption: product.productType,
        hue: product.hue,
      }))
    )
    // With S3 the storefront reads images from the bucket: put the pictures and their widths there too.
    if (mediaStorage.disk !== 'fs') {
      await copyLocalFiles(uploadsDir, rendered.flatMap((image) => [image.storageKey, ...image.renditions.map((rendition) => rendition.key)]))
    }
    const byId = new Map(products.map((product) => [productIds.get(product.handle)!, product]))
    const now = dbTimestamp()
    const rows = rendered.map((image) => {
      const product = byId.get(image.productId)!
      return {
        product_id: image.productId,
        storage_key: image.storageKey,
        alt: product.title,
        width: image.width,
        height: image.height,
        byte_size: image.byteSize,
        mime_type: 'image/webp',
        renditions: JSON.stringify(image.renditions),
        position: product.images.length + 1,
        status: 'ready',
        created_at: now,
        updated_at: now,
      }
    })
    for (let start = 0; start < rows.length; start += 100) {
      await db.table('product_images').multiInsert(rows.slice(start, start + 100))
    }
    return rows.length
  }
}

/**
 * Every product of the Shopify CSVs in `dir`, read by the importer's own
 * reader (rows it refuses are left out), first file wins a handle; null
 * when the folder is missing.
 */
async function readShopifyFolder(dir: string): Promise<ImportedProduct[] | null> {
  if (!existsSync(dir)) return null
  const files = (await readdir(dir)).filter((file) => file.endsWith('.csv')).sort()
  const products = new Map<string, ImportedProduct>()
  for (const file of files) {
    const rows = new CsvRows(join(dir, file))
    for await (const item of readShopify(rows, () => rows.headers)) {
      if (item.kind === 'product' && !products.has(item.product.handle)) products.set(item.product.handle, item.product)
    }
  }
  return [...products.values()]
}
