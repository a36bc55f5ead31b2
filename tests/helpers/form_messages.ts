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

/** The message linked to the control with this id by aria-describedby, or null. */
export function errorFor(html: string, id: string) {
  const tag = control(html, id)
  if (!tag || !/aria-invalid="true"/.test(tag)) return null
  const describedBy = /aria-describedby="([^"]+)"/.exec(tag)?.[1]
  if (!describedBy) return null
  const message = new RegExp(`<[a-z]+\\b[^>]*\\bid="${describedBy}"[^>]*>([^<]*)<`).exec(html)?.[1]
  return message === undefined ? null : decoded(message).trim()
}
