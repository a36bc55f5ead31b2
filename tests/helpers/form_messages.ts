/**
 * Reading a re-rendered form the way a screen reader does: the field's
 * error is linked to it (aria-invalid, aria-describedby) and says what to do.
 */

/** The page's text with the few entities Edge writes decoded. */
export function decoded(html: string) {
  return html.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** The opening tag of the input, select or textarea with this id, or null. */
export function control(html: string, id: string) {
  return new RegExp(`<(?:input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? null
}

/** The value attribute of the control with this id ('' when absent). */
export function valueOf(html: string, id: string) {
  const tag = control(html, id)
  return tag ? decoded(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '') : null
}

/**
 * The error message linked to the control with this id by aria-describedby, or null.
 * A field may be described by its hint too: the error is the element marked as one.
 */
export function errorFor(html: string, id: string) {
  const tag = control(html, id)
  if (!tag || !/aria-invalid="true"/.test(tag)) return null
  const describedBy = /aria-describedby="([^"]+)"/.exec(tag)?.[1]
  if (!describedBy) return null
  for (const described of describedBy.split(/\s+/)) {
    const element = new RegExp(`<[a-z]+\\b([^>]*)\\bid="${described}"[^>]*>([^<]*)<`).exec(html)
    if (element && (/error/.test(element[1]) || /error/.test(described))) return decoded(element[2]).trim()
  }
  return null
}
