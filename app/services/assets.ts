import env from '#start/env'
import { versionedPath } from '#services/public_assets'

/** CDN_URL without a trailing slash; empty when assets are served by this server. */
const cdn = (env.get('CDN_URL') ?? '').replace(/\/+$/, '')

/** Static folders a CDN may serve: stylesheets, vendored scripts, our scripts, uploaded images. */
const CDN_PATHS = ['/css/', '/vendor/', '/js/', '/media/']

/** The CDN's origin for the CSP (config/shield.ts), or null. */
export const cdnOrigin = cdn ? new URL(cdn).origin : null

/**
 * The URL templates print for a static file, versioned by its content:
 * `asset('/css/app.css')` is `/css/app.1a2b3c4d5e.css` (served with a year
 * of caching, see #services/public_assets), prefixed with CDN_URL when it is
 * set. Other paths (pages, /favicon.svg) always stay on this origin.
 */
export function asset(path: string) {
  const url = versionedPath(path)
  return cdn && CDN_PATHS.some((prefix) => path.startsWith(prefix)) ? `${cdn}${url}` : url
}
