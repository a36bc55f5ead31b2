import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, posix, relative, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import { transform } from 'lightningcss'

/**
 * The files of public/ as the server sends them, each with a content hash
 * that templates put in its URL (`asset()` in #services/assets): a new
 * deploy with a changed file gets a new URL, so browsers and CDNs may keep
 * a versioned URL for a year. Stylesheets are served minified (lightningcss),
 * their `url()` references rewritten to versioned URLs too (the fonts).
 *
 * Built on first use and kept for the process in production (public/ changes
 * only with a deploy). In development and tests, a file whose modification
 * time changed is read again, so an edited stylesheet shows on reload.
 */

/** Content types of the files served from memory; anything else goes to @adonisjs/static. */
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
}

/** Text types worth compressing; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.css', '.js', '.svg', '.json', '.txt'])

/** Larger files are left to the static server (streamed from disk, not held in memory). */
const MAX_IN_MEMORY_BYTES = 2 * 1024 * 1024

/** Hex digits of the content hash put in URLs: 40 bits, plenty to tell versions of one file apart. */
const HASH_LENGTH = 10

export interface PublicAsset {
  /** '/css/app.css' */
  path: string
  /** what is sent: the file, or for a stylesheet its minified form */
  body: Buffer
  /** the first hex digits of the body's SHA-256 */
  hash: string
  contentType: string
  compressible: boolean
  /** compressed copies, made on the first request that asks for one */
  encoded: Map<string, Promise<Buffer>>
  mtimeMs: number
  /** other assets whose versioned URLs are written in the body, with the hash each had */
  embeds: Map<string, string>
}

/** By file; only files that exist (requests for missing or oddly spelled paths must not grow this). */
const assets = new Map<string, PublicAsset>()

/** Top-level names in public/ (css, js, vendor, favicon.svg), read once: the folder changes only with a deploy. */
let topLevelNames: Set<string> | undefined

/** Whether a URL path lies under a top-level name of public/; other paths (pages, /media) never touch the disk here. */
export function isUnderPublic(path: string): boolean {
  if (!topLevelNames) {
    try {
      topLevelNames = new Set(readdirSync(app.publicPath()))
    } catch {
      topLevelNames = new Set()
    }
  }
  return topLevelNames.has(path.split('/', 2)[1] ?? '')
}

/** '/css/app.css' → its file under public/, or null for a path that leaves the folder. */
function fileOf(path: string): string | null {
  const root = normalize(app.publicPath() + sep)
  const file = normalize(join(root, path))
  return file.startsWith(root) ? file : null
}

function isCurrent(asset: PublicAsset, file: string): boolean {
  if (app.inProduction) return true
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs
  if (mtimeMs !== asset.mtimeMs) return false
  for (const [path, hash] of asset.embeds) if (publicAsset(path)?.hash !== hash) return false
  return true
}

/**
 * The served form of a file in public/ by its URL path ('/vendor/htmx.min.js'),
 * or null when there is no such file, its type is not one served from memory,
 * or it is too large.
 */
export function publicAsset(path: string): PublicAsset | null {
  if (!isUnderPublic(path)) return null
  const file = fileOf(path)
  if (!file) return null
  const known = assets.get(file)
  if (known && isCurrent(known, file)) return known

  const extension = extname(path).toLowerCase()
  const info = statSync(file, { throwIfNoEntry: false })
  if (!TYPES[extension] || !info?.isFile() || info.size > MAX_IN_MEMORY_BYTES) {
    assets.delete(file)
    return null
  }
  const embeds = new Map<string, string>()
  const source = readFileSync(file)
  const canonicalPath = `/${relative(app.publicPath(), file).split(sep).join('/')}`
  const body = extension === '.css' ? minifiedStylesheet(canonicalPath, source, embeds) : source
  const asset: PublicAsset = {
    path: canonicalPath,
    body,
    hash: createHash('sha256').update(body).digest('hex').slice(0, HASH_LENGTH),
    contentType: TYPES[extension],
    compressible: COMPRESSIBLE.has(extension),
    encoded: new Map(),
    mtimeMs: info.mtimeMs,
    embeds,
  }
  assets.set(file, asset)
  return asset
}

/** '/css/app.css' → '/css/app.1a2b3c4d5e.css' when the file is served from memory; the path itself otherwise. */
export function versionedPath(path: string): string {
  const asset = publicAsset(path)
  if (!asset) return path
  const dot = path.lastIndexOf('.')
  return `${path.slice(0, dot)}.${asset.hash}${path.slice(dot)}`
}

const VERSIONED = new RegExp(`^(.+)\\.([0-9a-f]{${HASH_LENGTH}})(\\.[A-Za-z0-9]+)$`)

/** '/css/app.1a2b3c4d5e.css' → { path: '/css/app.css', version: '1a2b3c4d5e' }; an unversioned path has no version. */
export function parseVersionedPath(urlPath: string): { path: string; version: string | null } {
  const match = VERSIONED.exec(urlPath)
  return match ? { path: match[1] + match[3], version: match[2] } : { path: urlPath, version: null }
}

/** URLs a stylesheet must leave alone: other sites, inline data, fragments (SVG filters). */
const FOREIGN_URL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i

/**
 * A stylesheet minified, with each `url()` to a file of public/ made the
 * file's versioned path, so fonts are cached for a year like the sheet
 * itself. Root-relative: a sheet served by the CDN (CDN_URL) loads them
 * from the CDN too.
 */
function minifiedStylesheet(path: string, source: Buffer, embeds: Map<string, string>): Buffer {
  const { code } = transform({
    filename: path,
    code: source,
    minify: true,
    // a slip in a stylesheet drops that rule (as a browser would), never the page
    errorRecovery: true,
    visitor: {
      Url(url) {
        if (FOREIGN_URL.test(url.url)) return url
        const [target, suffix = ''] = url.url.split(/(?=[?#])/, 2)
        const resolved = posix.resolve(posix.dirname(path), target)
        const embedded = publicAsset(resolved)
        if (!embedded) return url
        embeds.set(resolved, embedded.hash)
        return { ...url, url: `${versionedPath(resolved)}${suffix}` }
      },
    },
  })
  return Buffer.from(code)
}
