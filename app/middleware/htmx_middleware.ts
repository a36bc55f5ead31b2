import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * What htmx asked for, and the one way to answer it: the same URL returns
 * the whole page or, for htmx, just the fragment it swaps. Every answer that
 * can differ by `HX-Request` says so in `Vary`, or a shared cache would hand
 * a fragment to a full page load.
 */
export class Htmx {
  constructor(private ctx: HttpContext) {}

  /** The request came from htmx (`HX-Request: true`), boosted links included. */
  get isRequest() {
    return this.ctx.request.header('hx-request') === 'true'
  }

  /** A boosted link or form: htmx wants the whole page to swap into the body. */
  get isBoosted() {
    return this.ctx.request.header('hx-boosted') === 'true'
  }

  /** The id of the element htmx will swap (`HX-Target`), or null. */
  get target() {
    return this.ctx.request.header('hx-target') ?? null
  }

  /**
   * htmx wants a fragment: an htmx request that is not boosted, aimed at
   * `target` when one is given (a page with several live regions answers
   * only the one asked for).
   */
  wantsFragment(target?: string) {
    if (!this.isRequest || this.isBoosted) return false
    return target === undefined || this.target === target
  }

  /**
   * Adds `HX-Request` (or the given htmx headers, such as `HX-Target` for a
   * page that answers several targets) to `Vary`, keeping whatever else varies.
   */
  vary(...headers: string[]) {
    const wanted = headers.length ? headers : ['HX-Request']
    const current = this.ctx.response.getHeader('Vary')
    const values = current ? String(current).split(',').map((value) => value.trim()) : []
    for (const header of wanted) {
      if (!values.some((value) => value.toLowerCase() === header.toLowerCase())) values.push(header)
    }
    this.ctx.response.header('Vary', values.join(', '))
  }

  /**
   * Renders `fragment` when htmx wants it (only for `options.target` when
   * given), else `page`. `options.pageData` adds what only the whole page
   * shows (filter menus, counts), so a fragment request never loads it.
   */
  async render(
    page: string,
    fragment: string,
    data: Record<string, unknown> = {},
    options: { target?: string; pageData?: () => Record<string, unknown> | Promise<Record<string, unknown>> } = {}
  ) {
    this.vary()
    if (this.wantsFragment(options.target)) return this.ctx.view.render(fragment, data)
    return this.ctx.view.render(page, options.pageData ? { ...data, ...(await options.pageData()) } : data)
  }
}

/**
 * The one way a back-office save tells staff it worked: controllers call
 * `session.flash('notice' | 'hint' | 'error', text)` (a hint says what to do
 * next when nothing went wrong). A full page shows the flash in
 * its flash area; an htmx fragment answer carries it instead as an
 * `HX-Trigger: {"toast": {message, tone}}` header, which public/js/admin.js
 * shows as a toast, so the message is not left over for the next page. Runs
 * in the admin shell, before the session is committed.
 */
export function flashAsToast(ctx: HttpContext) {
  const { htmx, response } = ctx
  const session = (ctx as Partial<HttpContext>).session
  if (!session || !htmx.wantsFragment()) return
  const status = response.getStatus()
  if (status >= 300 && status < 400) return // the page htmx follows to shows it
  const toasts: Array<{ message: string; tone: 'success' | 'info' | 'error' }> = []
  for (const [key, tone] of [['notice', 'success'], ['hint', 'info'], ['error', 'error']] as const) {
    // flashed by this request, or by the one that redirected here
    const message = session.responseFlashMessages.pull(key) ?? session.flashMessages.get(key)
    if (typeof message === 'string' && message) toasts.push({ message, tone })
  }
  if (!toasts.length) return
  const existing = response.getHeader('HX-Trigger')
  const triggers = existing ? JSON.parse(String(existing)) : {}
  // htmx fires one event per key: several toasts go in one detail
  response.header('HX-Trigger', JSON.stringify({ ...triggers, toast: { toasts } }))
}

/** Gives every routed request its `ctx.htmx`. */
export default class HtmxMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    ctx.htmx = new Htmx(ctx)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    htmx: Htmx
  }
}
