import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import { majorUnitsText } from '#services/money'
import { storeOrigin } from '#services/store_url'

/** Search engines show about this many characters of a meta description. */
const DESCRIPTION_LENGTH = 155

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/**
 * The shop's origin for absolute URLs (canonical, og:url, sitemap): APP_URL
 * when set, so a cached page never carries a spoofed Host; else the
 * request's protocol and host (embedded mode, development).
 */
export function siteOrigin(ctx: HttpContext): string {
  if (env.get('APP_URL')) return storeOrigin()
  return `${ctx.request.protocol()}://${ctx.request.host()}`
}

/** `path` (or an already absolute URL, e.g. on the CDN) as an absolute URL. */
export function absoluteUrl(ctx: HttpContext, path: string): string {
  return new URL(path, `${siteOrigin(ctx)}/`).href
}

/** Plain text of stored HTML: tags dropped, common entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+\d*);/gi, (match, name: string) => {
      const lower = name.toLowerCase()
      if (ENTITIES[lower]) return ENTITIES[lower]
      const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : lower.startsWith('#') ? Number(lower.slice(1)) : Number.NaN
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match
    })
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * A meta description: the SEO field when staff wrote one, else the start of
 * the description as plain text, cut at a word near 155 characters. Null
 * when there is nothing to say (the layout then uses its default).
 */
export function metaDescription(seoDescription: string | null, descriptionHtml: string | null): string | null {
  const text = seoDescription?.trim() || plainText(descriptionHtml ?? '')
  if (!text) return null
  if (text.length <= DESCRIPTION_LENGTH) return text
  const cut = text.slice(0, DESCRIPTION_LENGTH - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > DESCRIPTION_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`
}

/** Minor units as the decimal string schema.org expects: 1999 USD is "19.99", 500 JPY is "500". */
export function decimalPrice(minor: number, currency: string): string {
  return majorUnitsText(minor, currency)
}

/**
 * JSON for a `<script type="application/ld+json">` block. Browsers do not
 * run it (so CSP does not apply), but the HTML parser still ends the element
 * at `</script`: `<`, `>` and `&` become JSON escapes, so no product text can
 * close the tag or open a comment. Print it raw ({{{ }}}).
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
