import type { JobDefinition } from '#plugin_host/types'
import app from '@adonisjs/core/services/app'
import AddAvifRenditions from '#actions/catalog/add_avif_renditions'
import { ENCODE_AVIF_JOB } from '#catalog/image_jobs'

/** Adds AVIF copies to one ready image (see AddAvifRenditions). */
export function encodeAvifJob(): JobDefinition<{ imageId: number }> {
  return {
    name: ENCODE_AVIF_JOB,
    attempts: 3,
    backoffMs: 10_000,
    async handle(payload) {
      await (await app.container.make(AddAvifRenditions)).handle(payload.imageId)
    },
  }
}
