import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import { preferredEncoding } from '#services/http_compression'
import { isUnderPublic, parseVersionedPath, publicAsset, type PublicAsset } from '#services/public_assets'

let files: StaticMiddleware | undefined

/** A versioned URL names one content for good: browsers and CDNs keep it a year and never revalidate. */
export const VERSIONED_CACHE_CONTROL = 'public, max-age=31536000, immutable'
/** An unversioned URL (an old page, a bookmark, a script of someone's) may change with any deploy. */
export const UNVERSIONED_CACHE_CONTROL = 'public, max-age=600'
/** A version this process does not have (a page from before or after a deploy): answered, never kept. */
const OTHER_VERSION_CACHE_CONTROL = 'no-cache'

const compressors = {
  br: (body: Buffer) =>
    promisify(brotliCompress)(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body: Buffer) => promisify(gzip)(body, { level: 9 }),
}

/**
 * Static files. Paths under a top-level name of public/ only (pages skip the
 * disk). Files served from memory (#services/public_assets: stylesheets
 * minified, scripts, fonts, icons) answer here, versioned URLs
 * (`/css/app.1a2b3c4d5e.css`) with a year of `immutable` caching; text goes
 * out Brotli- or gzip-compressed, each copy made once per file version, off
 * the main thread. Anything else goes to @adonisjs/static, built once (the
 * stock middleware is rebuilt per request).
 */
export default class PublicFilesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    // the unversioned path: /favicon.1a2b3c4d5e.svg is /favicon.svg
    if (!isUnderPublic(parseVersionedPath(url).path)) return next()
    if (await sendAsset(ctx, url)) return
    files ??= await app.container.make(StaticMiddleware)
    return files.handle(ctx, next)
  }
}

async function sendAsset({ request, response }: HttpContext, url: string): Promise<boolean> {
  const method = request.method()
  if (method !== 'GET' && method !== 'HEAD') return false
  const { path, version } = parseVersionedPath(url)
  let asset: PublicAsset | null
  try {
    asset = publicAsset(decodeURIComponent(path))
  } catch {
    return false
  }
  if (!asset) return false

  const encoding = asset.compressible ? preferredEncoding(request.header('Accept-Encoding')) : null
  const etag = `"${asset.hash}${encoding ? `-${encoding}` : ''}"`
  response.header(
    'Cache-Control',
    version === null ? UNVERSIONED_CACHE_CONTROL : version === asset.hash ? VERSIONED_CACHE_CONTROL : OTHER_VERSION_CACHE_CONTROL
  )
  response.header('ETag', etag)
  if (asset.compressible) response.header('Vary', 'Accept-Encoding')
  if (request.header('If-None-Match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    response.notModified('')
    return true
  }
  response.header('Content-Type', asset.contentType)
  let body = asset.body
  if (encoding) {
    let encoded = asset.encoded.get(encoding)
    if (!encoded) {
      encoded = compressors[encoding](asset.body)
      asset.encoded.set(encoding, encoded)
      encoded.catch(() => asset.encoded.delete(encoding))
    }
    body = await encoded
    response.header('Content-Encoding', encoding)
  }
  response.send(method === 'HEAD' ? '' : body)
  return true
}
