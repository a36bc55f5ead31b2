import env from '#start/env'

/** CDN_URL without a trailing slash; empty when assets are served by this server. */
const cdn = (env.get('CDN_URL') ?? '').replace(/\/+$/, '')

/** Static folders a CDN may serve: stylesheets, vendored scripts, our scripts, uploaded images. */
const CDN_PATHS = ['/css/', '/vendor/', '/js/', '/media/']

/** The CDN's origin for the CSP (config/shield.ts), or null. */
export const cdnOrigin = cdn ? new URL(cdn).origin : null

/**
 * The URL templates print for a static file: `asset('/css/app.css')` is
 * `${CDN_URL}/css/app.css` when CDN_URL is set, the path itself otherwise.
 * Other paths (pages, /favicon.svg) always stay on this origin.
 */
export function asset(path: string) {
  return cdn && CDN_PATHS.some((prefix) => path.startsWith(prefix)) ? `${cdn}${path}` : path
}
