import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from '@adonisjs/core/bodyparser'
import runtime from '#config/runtime'

/**
 * The only routes that take files, by route name, with the most one request
 * may carry. Every other route refuses a multipart body with 415 before
 * reading it, so nothing reaches the disk (#middleware/body_parser_middleware).
 * A route that starts taking files is added here.
 */
export const UPLOAD_ROUTES: Record<string, string> = {
  // Product images: up to 10 files of at most 20 MB each are checked per file
  // (app/catalog/image_processing.ts); this caps the whole request.
  'admin.products.images.store': '100mb',
  // the home page's settings form carries its banner picture (one file, at most 20 MB)
  'admin.settings.home.update': '25mb',
}

/**
 * Where an upload is written while its request runs, inside the data folder
 * (same disk as the stored images). Each request removes its own files when
 * it ends, whatever its outcome.
 */
export const uploadTmpDir = join(runtime.dataDir, 'tmp-uploads')
mkdirSync(uploadTmpDir, { recursive: true })

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    processManually: [],
    // the largest of UPLOAD_ROUTES; each route's own limit is checked before parsing
    limit: '100mb',
    tmpFileName: () => join(uploadTmpDir, randomUUID()),
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
