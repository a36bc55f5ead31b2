import sharp from 'sharp'
import { Disk } from '@adonisjs/drive'
import { FSDriver } from '@adonisjs/drive/drivers/fs'
import { processImage } from '#catalog/image_processing'
import { storeProcessedImageIn } from '#catalog/product_media'
import type { ImageRendition } from '#models/product_image'
import { placeholderImageKey } from '#catalog/product_image_order'
import { RENDER_SIZE, productDrawing } from '#database/seeders/demo/product_drawings'

export const PLACEHOLDER_SIZE = RENDER_SIZE

export interface PlaceholderRequest {
  productId: number
  title: string
  /** the product type, which picks the drawing (null: a pattern) */
  caption: string | null
  /** 0-359, picked by the caller so the result is deterministic */
  hue: number
}

export interface RenderedPlaceholder {
  productId: number
  storageKey: string
  /** WebP widths for srcset, as an upload gets them */
  renditions: ImageRendition[]
  width: number
  height: number
  byteSize: number
}

/**
 * Draws each product's demo picture (#database/seeders/demo/product_drawings)
 * and stores it the way an uploaded photo is stored: sharp renders the SVG
 * to a WebP original, the upload pipeline (processImage) checks it and makes
 * the srcset widths, and storeProcessedImageIn writes them, here under
 * `<uploadsDir>/products/<id>/placeholder…`. Two at a time: libvips is
 * multi-threaded already, more in flight only queues.
 */
export async function renderPlaceholders(
  uploadsDir: string,
  requests: PlaceholderRequest[],
  concurrency = 2
): Promise<RenderedPlaceholder[]> {
  const disk = new Disk(new FSDriver({ location: uploadsDir, visibility: 'public' }))
  const results: RenderedPlaceholder[] = []
  let next = 0
  async function worker() {
    while (next < requests.length) {
      const request = requests[next++]
      const svg = productDrawing({ type: request.caption, title: request.title, hue: request.hue })
      // near-lossless: this is the original every copy is made from
      const original = await sharp(Buffer.from(svg)).webp({ quality: 90, effort: 2 }).toBuffer()
      const processed = await processImage(original)
      const storageKey = placeholderImageKey(request.productId)
      const stored = await storeProcessedImageIn(`products/${request.productId}/placeholder`, processed, { originalKey: storageKey, disk })
      results.push({
        productId: request.productId,
        storageKey: stored.storageKey,
        renditions: stored.renditions,
        width: processed.original.width,
        height: processed.original.height,
        byteSize: processed.original.bytes,
      })
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker))
  return results
}
