import db from '@adonisjs/lucid/services/db'
import ProductImage from '#models/product_image'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { recordEvent } from '#plugin_host/outbox'
import { invalidateProducts } from '#catalog/catalog_cache'
import { IMAGE_LIMITS, ImageRejectedError, formatBytes, processImage } from '#catalog/image_processing'
import { deleteStoredFiles, storeProcessedImage, storedKeysOf, type StoredImage } from '#catalog/product_media'
import { imageIdsInOrder, lockProductImages, nextImagePosition, placeholderImageIds, writeImageOrder } from '#catalog/product_image_order'
import { queueAvif } from '#catalog/image_jobs'

/** One uploaded file, however it arrived (multipart, CLI, test). */
export interface ImageUpload {
  fileName: string
  size: number
  read(): Promise<Buffer>
}

export interface UploadProductImagesResult {
  added: ProductImage[]
  /** files refused, with a message for the person who sent them */
  rejected: Array<{ fileName: string; message: string }>
}

/**
 * Adds uploaded pictures to a product, after its photos but before a demo
 * placeholder (so the first photo of a product becomes its main picture,
 * rather than picture 2 behind the drawing). Each file is
 * checked by its content and rendered to WebP widths right here (0.3–0.8 s
 * for a 12 MP photo on a busy machine), so the editor shows the result at
 * once and a bad file gets its error in the same response. A refused file
 * does not stop the others. Files are written first; the rows, audit entry
 * and ProductUpdated event in one transaction; the files are removed again
 * if that transaction fails. AVIF copies follow from a job.
 */
export default class UploadProductImages {
  async handle(productId: number, uploads: ImageUpload[], actor: Actor): Promise<UploadProductImagesResult> {
    const rejected: UploadProductImagesResult['rejected'] = []
    const stored: Array<{ fileName: string; image: StoredImage; width: number; height: number; bytes: number; mime: string }> = []

    for (const upload of uploads) {
      try {
        if (upload.size > IMAGE_LIMITS.maxBytes) {
          throw new ImageRejectedError(
            `The file is ${formatBytes(upload.size)}; images may be at most ${formatBytes(IMAGE_LIMITS.maxBytes)}.`,
            'too_large'
          )
        }
        const processed = await processImage(await upload.read())
        const { width, height, bytes, mime } = processed.original
        stored.push({ fileName: upload.fileName, image: await storeProcessedImage(productId, processed), width, height, bytes, mime })
      } catch (error) {
        if (!(error instanceof ImageRejectedError)) throw error
        rejected.push({ fileName: upload.fileName, message: error.message })
      }
    }
    if (!stored.length) return { added: [], rejected }

    try {
      const added = await db.transaction(async (trx) => {
        if (!(await lockProductImages(productId, trx))) throw new Error(`Product ${productId} no longer exists`)
        let position = await nextImagePosition(productId, trx)
        const rows: ProductImage[] = []
        for (const file of stored) {
          rows.push(
            await ProductImage.create(
              {
                productId,
                storageKey: file.image.storageKey,
                renditions: file.image.renditions,
                width: file.width,
                height: file.height,
                byteSize: file.bytes,
                mimeType: file.mime,
                position: position++,
                status: 'ready',
              },
              { client: trx }
            )
          )
        }
        const placeholders = await placeholderImageIds(productId, trx)
        if (placeholders.length) {
          const order = await imageIdsInOrder(productId, trx)
          await writeImageOrder(productId, [...order.filter((id) => !placeholders.includes(id)), ...placeholders], trx)
          for (const row of rows) await row.refresh()
        }
        await recordAudit(
          {
            actor,
            action: 'product.images_added',
            subjectType: 'product',
            subjectId: productId,
            changes: { images: rows.map((row, index) => ({ id: row.id, file: stored[index].fileName, key: row.storageKey })) },
          },
          trx
        )
        await recordEvent('ProductUpdated', { productId }, trx)
        return rows
      })
      await invalidateProducts([productId])
      await queueAvif(added.map((image) => image.id))
      return { added, rejected }
    } catch (error) {
      await deleteStoredFiles(stored.flatMap((file) => storedKeysOf(file.image)))
      throw error
    }
  }
}
