import type { JobDefinition } from '#plugin_host/types'
import AddAvifRenditions, { ENCODE_AVIF_JOB } from '#actions/catalog/add_avif_renditions'

/** Adds AVIF copies to one ready image (see AddAvifRenditions). */
export function encodeAvifJob(): JobDefinition<{ imageId: number }> {
  return {
    name: ENCODE_AVIF_JOB,
    attempts: 3,
    backoffMs: 10_000,
    async handle(payload) {
      await new AddAvifRenditions().handle(payload.imageId)
    },
  }
}
