/**
 * A tiny browser-like HTTP client for functional tests of session + CSRF
 * flows: it keeps cookies between requests, never follows redirects (so
 * tests see every 302) and can read the CSRF token out of a rendered form.
 */
export interface AgentResponse {
  status: number
  headers: Headers
  text: string
  location: string | null
}

export class HttpAgent {
  readonly cookies = new Map<string, string>()

  constructor(readonly baseUrl = `http://127.0.0.1:${process.env.PORT}`) {}

  async request(method: string, path: string, init: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    let body: string | undefined
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(init.form).toString()
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' })
    this.#storeCookies(response.headers.getSetCookie())
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      location: response.headers.get('location'),
    } satisfies AgentResponse
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers })
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>) {
    return this.request('POST', path, { form, headers })
  }

  /** GETs a page holding a form and returns its CSRF token. */
  async csrfTokenFrom(path: string) {
    const page = await this.get(path)
    const token = extractCsrfToken(page.text)
    if (!token) throw new Error(`No _csrf field on ${path} (status ${page.status})`)
    return token
  }

  /** POSTs a form the way a browser would: fetch the page first, then send its token. */
  async submit(pagePath: string, action: string, form: Record<string, string>) {
    const _csrf = await this.csrfTokenFrom(pagePath)
    return this.post(action, { ...form, _csrf })
  }

  #storeCookies(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';')
      const index = pair.indexOf('=')
      if (index < 1) continue
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1).trim()
      const expired = attributes.some((attribute) => {
        const [key, val] = attribute.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0
        if (key.toLowerCase() === 'expires') return new Date(val).getTime() < Date.now()
        return false
      })
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
}

/** Reads the value of the hidden `_csrf` input from an HTML page. */
export function extractCsrfToken(html: string): string | null {
  const input = html.match(/<input[^>]*name=['"]_csrf['"][^>]*>/i)?.[0]
  return input?.match(/value=['"]([^'"]+)['"]/i)?.[1] ?? null
}

/**
 * A page's markup without its inline stylesheets: storefront pages carry their CSS
 * inline, and its selectors name every class (home-hero, table--stack), so a check
 * that something is not on the page must look at the markup only.
 */
export function markupOf(html: string) {
  return html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '')
}
