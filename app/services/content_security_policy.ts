import type { HttpContext } from '@adonisjs/core/http'

const HEADERS = ['Content-Security-Policy', 'Content-Security-Policy-Report-Only']

/**
 * Adds sources to directives of the policy shield already set on this
 * response, for one page that needs more than config/shield.ts allows
 * everywhere (the payment page and its provider's scripts and frames). A
 * directive the policy lacks starts from `'self'`; the nonce is kept.
 */
export function allowContentSources(response: HttpContext['response'], sources: Partial<Record<string, string[]>>) {
  const raw = response.response
  for (const header of HEADERS) {
    const policy = raw.getHeader(header)
    if (typeof policy !== 'string') continue
    const directives = policy.split(';').map((part) => part.trim()).filter(Boolean).map((part) => part.split(/\s+/))
    for (const [name, extra] of Object.entries(sources)) {
      if (!extra?.length) continue
      let directive = directives.find(([existing]) => existing === name)
      if (!directive) directives.push((directive = [name, `'self'`]))
      for (const source of extra) if (!directive.includes(source)) directive.push(source)
    }
    raw.setHeader(header, directives.map((parts) => parts.join(' ')).join(';'))
  }
}
