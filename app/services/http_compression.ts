/** The q-value an Accept-Encoding header gives a coding (`*` counts for any), 0 when it is not accepted. */
function acceptance(header: string | undefined, coding: string) {
  if (!header) return 0
  let wildcard = 0
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
    const weight = q ? Number(q.slice(2)) || 0 : 1
    if (name.trim() === coding) return weight
    if (name.trim() === '*') wildcard = weight
  }
  return wildcard
}

/** `gzip` listed without `q=0`. */
export function acceptsGzip(header: string | undefined) {
  return acceptance(header, 'gzip') > 0
}

/**
 * The coding to send a precompressed file in: Brotli when the client takes
 * it (CSS and JavaScript come out ~12 % smaller than gzip), else gzip, else
 * none. Only explicit `br` counts: a `*` is answered with gzip, which every
 * client that sends it understands.
 */
export function preferredEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (header && /(^|,)\s*br\s*(;|,|$)/i.test(header) && acceptance(header, 'br') > 0) return 'br'
  return acceptsGzip(header) ? 'gzip' : null
}
