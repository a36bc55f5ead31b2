/** `gzip` listed without `q=0`. */
export function acceptsGzip(header: string | undefined) {
  if (!header) return false
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
    return !q || Number(q.slice(2)) > 0
  })
}
