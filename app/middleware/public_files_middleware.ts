import { readdirSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import { acceptsGzip } from '#services/http_compression'

/** Top-level names in public/ (css, vendor, favicon.svg…), read once: the folder changes only with a deploy. */
let publicEntries: Set<string> | undefined
let files: StaticMiddleware | undefined

function readPublicEntries() {
  try {
    return new Set(readdirSync(app.publicPath()))
  } catch {
    return new Set<string>()
  }
}

/** Text assets worth compressing, with their types. Images and fonts are compressed already. */
const COMPRESSIBLE: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

interface Compressed {
  mtimeMs: number
  body: Buffer
  etag: string
}

/** Gzipped copies by path, remade when the file changes; public/ holds a few dozen small files. */
const compressed = new Map<string, Compressed>()

/** Same lifetime as config/static.ts (1 day). */
const MAX_AGE_SECONDS = 86_400

/**
 * @adonisjs/static, asked only for paths under a name that exists in
 * public/. The stock middleware is rebuilt for every request and stats the
 * disk for every URL (/products/…, /admin/…), a large share of a cached
 * page's cost; here it is built once and pages skip it. CSS and JavaScript
 * go out gzipped to clients that accept it (htmx, Alpine and the stylesheet
 * shrink to about a third), compressed once per file version.
 */
export default class PublicFilesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    publicEntries ??= readPublicEntries()
    const first = ctx.request.url().split('/', 2)[1] ?? ''
    if (!publicEntries.has(first)) return next()
    if (await sendCompressed(ctx)) return
    files ??= await app.container.make(StaticMiddleware)
    return files.handle(ctx, next)
  }
}

async function sendCompressed({ request, response }: HttpContext): Promise<boolean> {
  const method = request.method()
  if ((method !== 'GET' && method !== 'HEAD') || !acceptsGzip(request.header('Accept-Encoding'))) return false
  const type = COMPRESSIBLE[extname(request.url()).toLowerCase()]
  if (!type) return false
  const root = normalize(app.publicPath() + sep)
  let path: string
  try {
    path = normalize(join(root, decodeURIComponent(request.url())))
  } catch {
    return false
  }
  if (!path.startsWith(root)) return false
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) return false

  let entry = compressed.get(path)
  if (!entry || entry.mtimeMs !== info.mtimeMs) {
    entry = {
      mtimeMs: info.mtimeMs,
      body: gzipSync(await readFile(path), { level: 9 }),
      etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}-gz"`,
    }
    compressed.set(path, entry)
  }
  response.header('Vary', 'Accept-Encoding')
  response.header('ETag', entry.etag)
  response.header('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`)
  response.header('Last-Modified', info.mtime.toUTCString())
  if (request.header('If-None-Match') === entry.etag) {
    response.notModified('')
    return true
  }
  response.header('Content-Type', type)
  response.header('Content-Encoding', 'gzip')
  response.send(method === 'HEAD' ? '' : entry.body)
  return true
}
