import type { JobDefinition } from '#plugin_host/types'
import app from '@adonisjs/core/services/app'
import FetchProductImage from '#actions/catalog/fetch_product_image'
import { markImageFailed } from '#catalog/image_jobs'

export const FETCH_IMAGE_JOB = 'catalog.fetch_image'

export interface FetchImagePayload {
  imageId: number
}

/**
 * Downloads and processes one imported product image (see FetchProductImage).
 * Passing failures (timeouts, 5xx) are retried with backoff; after the last
 * attempt the image is marked failed with the reason.
 */
export function fetchImageJob(): JobDefinition<FetchImagePayload> {
  return {
    name: FETCH_IMAGE_JOB,
    attempts: 4,
    backoffMs: 30_000,
    async handle(payload) {
      await (await app.container.make(FetchProductImage)).handle(payload.imageId)
    },
    async failed(payload, error) {
      await markImageFailed(payload.imageId, error.message)
    },
  }
}
