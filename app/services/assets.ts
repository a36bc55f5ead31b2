import env from '#start/env'
import { publicAsset, versionedPath } from '#services/public_assets'

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

/** Inlined text by served file (a new version is a new object, so edits show at once in development). */
const inlined = new WeakMap<object, string>()

/**
 * A stylesheet's served (minified) text for a `<style>` element, wrapped in
 * `@media <media>` when given: the storefront inlines its sheets so a first
 * visit paints without waiting for a stylesheet request (see
 * partials/document_head.edge). Font URLs get the CDN prefix a linked sheet
 * would have had. The CSP already allows inline styles (config/shield.ts).
 */
export function inlineStylesheet(path: string, media?: string): string {
  const served = publicAsset(path)
  if (!served) throw new Error(`No stylesheet ${path} in public/`)
  let css = inlined.get(served)
  if (css === undefined) {
    css = served.body.toString('utf8').replace(/<\/(style)/gi, '<\\/$1')
    if (cdn) css = css.replace(/url\((['"]?)(\/(?:css|vendor|js|media)\/)/g, `url($1${cdn}$2`)
    inlined.set(served, css)
  }
  return media && media !== 'all' ? `@media ${media}{${css}}` : css
}
