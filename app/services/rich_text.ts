import sanitizeHtml from 'sanitize-html'

/**
 * The one allow-list for merchant-written rich text (product descriptions,
 * pages). Text formatting, lists, headings, simple tables and links; no
 * scripts, styles, iframes or remote images (the CSP would block those
 * anyway). Run it on save and again on output: stored HTML may predate a
 * tightening of this list, or arrive by import.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'code', 'pre',
    'blockquote', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'a', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // An h1 belongs to the page title; demote the merchant's.
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }),
  },
}

export function sanitizeRichText(html: string | null | undefined): string {
  if (!html) return ''
  return sanitizeHtml(html, options)
}
