import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import drive from '@adonisjs/drive/services/main'
import type { Disk } from '@adonisjs/drive'
import logger from '@adonisjs/core/services/logger'
import { mediaStorage } from '#config/drive'
import { asset } from '#services/assets'
import type { ImageRendition } from '#models/product_image'
import type { ProcessedImage } from '#catalog/image_processing'

/** Stored files never change (new upload, new key), so anyone may cache them for a year. */
const CACHE_CONTROL = 'public, max-age=31536000, immutable'

/**
 * The public URL of a stored file: `/media/<key>` on the local disk (with
 * CDN_URL in front when set), `<S3_PUBLIC_URL>/<key>` with a bucket.
 */
export function mediaUrl(storageKey: string) {
  const path = storageKey.split('/').map(encodeURIComponent).join('/')
  return mediaStorage.publicBaseUrl ? `${mediaStorage.publicBaseUrl}/${path}` : asset(`/media/${path}`)
}

export interface StoredImage {
  storageKey: string
  renditions: ImageRendition[]
}

/**
 * Writes the original and its renditions under a fresh, unguessable folder
 * `products/<productId>/<random>/`, on the configured disk. If a write fails
 * halfway, what was written is removed again.
 */
export async function storeProcessedImage(productId: number, processed: ProcessedImage): Promise<StoredImage> {
  return storeProcessedImageIn(`products/${productId}/${randomBytes(8).toString('hex')}`, processed)
}

/**
 * The same for pictures that belong to no product (the home page's hero):
 * a fresh folder under `prefix`, e.g. `store/hero/<random>/`.
 */
export async function storeStorePicture(prefix: string, processed: ProcessedImage): Promise<StoredImage> {
  return storeProcessedImageIn(`${prefix}/${randomBytes(8).toString('hex')}`, processed)
}

/**
 * Writes an original as `<folder>/original.<ext>` (or `originalKey`) and its
 * WebP copies as `<folder>/w<width>.webp`, on the configured disk (or
 * `disk`); on a failed write, removes what was written. Every stored picture
 * goes through here, so each has the same renditions and srcset.
 */
export async function storeProcessedImageIn(
  folder: string,
  processed: ProcessedImage,
  options: { originalKey?: string; disk?: Disk } = {}
): Promise<StoredImage> {
  const disk = options.disk ?? drive.use()
  const storageKey = options.originalKey ?? `${folder}/original.${processed.original.ext}`
  const renditions: ImageRendition[] = processed.renditions.map((rendition) => ({
    width: rendition.width,
    height: rendition.height,
    key: `${folder}/w${rendition.width}.webp`,
    bytes: rendition.buffer.length,
  }))
  try {
    await disk.put(storageKey, processed.original.buffer, { contentType: processed.original.mime, cacheControl: CACHE_CONTROL })
    for (const [index, rendition] of processed.renditions.entries()) {
      await disk.put(renditions[index].key, rendition.buffer, { contentType: 'image/webp', cacheControl: CACHE_CONTROL })
    }
  } catch (error) {
    await deleteStoredFiles([storageKey, ...renditions.map((rendition) => rendition.key)], disk)
    throw error
  }
  return { storageKey, renditions }
}

/** Writes AVIF copies beside an image's original (same folder) and describes them as renditions. */
export async function storeAvifRenditions(storageKey: string, renditions: Array<{ width: number; height: number; buffer: Buffer }>) {
  const folder = storageKey.slice(0, storageKey.lastIndexOf('/'))
  const disk = drive.use()
  const stored: ImageRendition[] = []
  try {
    for (const rendition of renditions) {
      const key = `${folder}/w${rendition.width}.avif`
      await disk.put(key, rendition.buffer, { contentType: 'image/avif', cacheControl: CACHE_CONTROL })
      stored.push({ width: rendition.width, height: rendition.height, key, bytes: rendition.buffer.length, format: 'avif' })
    }
  } catch (error) {
    await deleteStoredFiles(stored.map((rendition) => rendition.key))
    throw error
  }
  return stored
}

/** The original's bytes, from whichever disk holds it. */
export async function readStoredFile(key: string) {
  return Buffer.from(await drive.use().getBytes(key))
}

/**
 * Removes stored files. Runs after the database change committed, so a
 * storage failure is logged (an orphan file costs disk space, nothing else).
 */
export async function deleteStoredFiles(keys: Array<string | null | undefined>, disk: Disk = drive.use()) {
  for (const key of keys) {
    if (!key) continue
    try {
      await disk.delete(key)
    } catch (error) {
      logger.warn({ err: error, key }, 'could not delete a stored image file')
    }
  }
}

/** Every file of an image row: the original and its renditions. */
export function storedKeysOf(image: { storageKey: string | null; renditions: ImageRendition[] | null }) {
  return [image.storageKey, ...(image.renditions ?? []).map((rendition) => rendition.key)]
}

/** Uploads files rendered on the local disk (demo pictures, all WebP) to the configured disk, same keys. */
export async function copyLocalFiles(dir: string, keys: string[]) {
  const disk = drive.use()
  for (const key of keys) {
    await disk.put(key, await readFile(join(dir, key)), { contentType: 'image/webp', cacheControl: CACHE_CONTROL })
  }
}
