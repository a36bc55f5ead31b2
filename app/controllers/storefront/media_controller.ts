import { stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import runtime from '#config/runtime'

/** Only raster images are served; SVG can carry script, so it is never served from our origin. */
const contentTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
}

/**
 * Streams uploaded files from the uploads directory (embedded mode's
 * local disk). Stored keys never change content, so responses are cached
 * for a year. Anything that would leave the uploads directory is a 404.
 */
export default class MediaController {
  async show({ params, response }: HttpContext) {
    const segments: string[] = params['*'] ?? []
    const unsafe = segments.some(
      (segment) => !segment || segment === '.' || segment === '..' || /[\\/\u0000]/.test(segment) || segment.startsWith('.')
    )
    const contentType = contentTypes[extname(segments.at(-1) ?? '').toLowerCase()]
    if (unsafe || segments.length === 0 || !contentType) return response.notFound('Not found')

    const root = normalize(runtime.uploadsDir + sep)
    const file = normalize(join(root, ...segments))
    if (!file.startsWith(root)) return response.notFound('Not found')

    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return response.notFound('Not found')

    response.header('Content-Type', contentType)
    response.header('Content-Length', info.size)
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Last-Modified', info.mtime.toUTCString())
    return response.download(file, true)
  }
}
