import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { runCli } from '#cli/program'
import { SHOPIFY_HEADER } from '#import_export/exporters/shopify_rows'
import Product from '#models/product'

export const IMPORT_FIXTURES = app.makePath('tests/fixtures/import')
/** Our own legacy-dialect exports (20 products each), shaped like Shopify's two sample stores. */
export const HOUSE_CSV = join(IMPORT_FIXTURES, 'shopify_legacy_house.csv')
export const GARDEN_CSV = join(IMPORT_FIXTURES, 'shopify_legacy_garden.csv')

/**
 * Shopify's own sample CSVs, which the project does not ship: a folder
 * beside the checkout on machines that have it (or SHOPIFY_SAMPLES_DIR).
 * Tests that read them call `outsideSamples()`: skipped, with a notice,
 * where they are absent; in CI (CI=true) they are required and their
 * absence fails the test (`requireSamples()`).
 */
export const SHOPIFY_SAMPLES = process.env.SHOPIFY_SAMPLES_DIR ?? app.makePath('../shared/fixtures/shopify')

export function outsideSamples(): { skip: boolean; reason: string } {
  const reason = `Shopify sample CSVs not found in ${SHOPIFY_SAMPLES} (required when CI=true)`
  return { skip: !existsSync(SHOPIFY_SAMPLES) && process.env.CI !== 'true', reason }
}

/** First line of a test that reads the samples: in CI their absence fails it, saying why. */
export function requireSamples() {
  if (!existsSync(SHOPIFY_SAMPLES)) throw new Error(outsideSamples().reason)
}

const workDir = mkdtempSync(join(tmpdir(), 'stockroom-cli-'))

/** Runs one command line through the program (no subprocess), capturing its output. */
export async function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout) }
}

/**
 * A copy of a Shopify CSV whose handles start with `prefix` and whose SKUs
 * with its upper-case form: the shared database already holds the demo
 * catalog, and each test wants products (and SKUs) of its own.
 */
export function prefixedShopify(path: string, prefix: string) {
  const [header, ...records]: string[][] = parse(readFileSync(path), { bom: true, relax_column_count: true })
  const sku = header.findIndex((name) => ['variant sku', 'sku'].includes(name.toLowerCase()))
  for (const record of records) {
    record[0] = `${prefix}${record[0]}`
    if (sku >= 0 && record[sku]) record[sku] = `${prefix.toUpperCase()}${record[sku]}`
  }
  return tempFile(`${prefix}${path.split('/').pop()}`, stringify([header, ...records]))
}

export function tempFile(name: string, content = '') {
  const path = join(workDir, name)
  writeFileSync(path, content)
  return path
}

/** The rows of a Shopify CSV whose handle starts with `prefix`, as a file of their own (the test database holds other products). */
export function onlyPrefixed(path: string, prefix: string) {
  const records: Record<string, string>[] = parse(readFileSync(path), { columns: true })
  const kept = records.filter((record) => record.Handle.startsWith(prefix))
  const target = tempFile(`${prefix}export-filtered.csv`, stringify(kept, { header: true, columns: [...SHOPIFY_HEADER] }))
  return { target, kept }
}

/**
 * Exports the catalog, keeps the products whose handle starts with
 * `prefix` and imports that file back: what an operator's round trip
 * through a spreadsheet does. Returns the export's rows and the import's
 * JSON result.
 */
export async function roundTrip(prefix: string) {
  const file = tempFile(`${prefix}round-trip.csv`)
  const exported = await cli('export', 'products', '--output', file, '--json')
  if (exported.code !== 0) throw new Error(exported.stderr)
  const { target, kept } = onlyPrefixed(file, prefix)
  const imported = await cli('import', 'products', target, '--json')
  if (imported.code !== 0) throw new Error(imported.stderr || imported.stdout)
  return { kept, result: imported.json() }
}

/** The products whose handle starts with `prefix` (a test's own import), with everything an import writes. */
export async function productsWithPrefix(prefix: string) {
  return Product.query()
    .whereLike('handle', `${prefix}%`)
    .preload('variants')
    .preload('images')
    .preload('tags')
    .preload('options', (query) => query.preload('values'))
    .orderBy('handle')
}
