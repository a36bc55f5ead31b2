import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import { recordEvent } from '#plugin_host/outbox'

export type TrafficStep = 'visits' | 'carts' | 'checkouts'

/** Counts are kept per quarter hour (UTC): every real time zone's midnight falls on one, so a store day is a set of whole buckets. */
const BUCKET_MS = 15 * 60_000
const FLUSH_EVERY_MS = 60_000

const BOT = /bot|crawl|spider|slurp|preview|monitor|curl|wget|python|headless/i
/** Paths that are not storefront pages a shopper navigates to. */
const NOT_STOREFRONT = /^\/(?:admin|api|webhooks|health|vendor|js|css|media|uploads)(?:\/|$)|\.[a-z0-9]{2,5}$/i

/**
 * First-party storefront counts for the conversion funnel: visits, carts
 * created and checkouts started. Nothing about the shopper is kept, not
 * even a cookie: each process adds to counters in memory (no SQL per
 * request, so cached pages stay cached) and records the deltas as one
 * StorefrontTrafficCounted event per minute, and at shutdown, through the
 * outbox; the analytics plugin adds each event once.
 */
export class StorefrontTraffic {
  #buckets = new Map<number, Record<TrafficStep, number>>()
  #timer: NodeJS.Timeout | null = null
  #flushing: Promise<unknown> | null = null

  constructor(protected clock: () => number = Date.now) {}

  count(step: TrafficStep, by = 1) {
    const start = Math.floor(this.clock() / BUCKET_MS) * BUCKET_MS
    const bucket = this.#buckets.get(start) ?? { visits: 0, carts: 0, checkouts: 0 }
    bucket[step] += by
    this.#buckets.set(start, bucket)
    this.#schedule()
  }

  /** What is counted and not yet flushed, oldest bucket first. */
  pending() {
    return [...this.#buckets]
      .sort(([a], [b]) => a - b)
      .map(([start, counts]) => ({ at: new Date(start).toISOString(), ...counts }))
  }

  /**
   * Records the counts so far as one event and starts again from zero.
   * When the event cannot be written the counts are put back for the next try.
   */
  async flush() {
    if (this.#flushing) await this.#flushing
    const buckets = this.pending()
    if (!buckets.length) return null
    this.#buckets.clear()
    const write = recordEvent('StorefrontTrafficCounted', { buckets })
    this.#flushing = write
    try {
      return await write
    } catch (error) {
      for (const bucket of buckets) {
        const start = Date.parse(bucket.at)
        const into = this.#buckets.get(start) ?? { visits: 0, carts: 0, checkouts: 0 }
        for (const step of ['visits', 'carts', 'checkouts'] as const) into[step] += bucket[step]
        this.#buckets.set(start, into)
      }
      throw error
    } finally {
      this.#flushing = null
    }
  }

  #schedule() {
    if (this.#timer) return
    this.#timer = setInterval(() => {
      this.flush().catch((error) => logger.warn({ err: error }, 'could not record storefront traffic counts'))
    }, FLUSH_EVERY_MS)
    this.#timer.unref?.()
    app.terminating(async () => {
      if (this.#timer) clearInterval(this.#timer)
      this.#timer = null
      await this.flush().catch((error) => logger.warn({ err: error }, 'storefront traffic counts lost at shutdown'))
    })
  }
}

export const storefrontTraffic = new StorefrontTraffic()

/**
 * Whether a request starts a storefront visit: a page navigation by a
 * browser (not htmx, not a bot, not an asset or the back-office) that
 * arrived from outside the store. Browsers say so in Sec-Fetch-Site
 * ("none" for a typed address or bookmark, "cross-site" from a link
 * elsewhere); without it the Referer's host is compared. A click from one
 * store page to the next is the same visit.
 */
export function startsVisit(request: HttpContext['request']) {
  if (request.method() !== 'GET' || request.header('HX-Request')) return false
  if (!(request.header('Accept') ?? '').includes('text/html')) return false
  if (NOT_STOREFRONT.test(request.url())) return false
  if (BOT.test(request.header('User-Agent') ?? '')) return false
  const dest = request.header('Sec-Fetch-Dest')
  if (dest && dest !== 'document') return false
  const site = request.header('Sec-Fetch-Site')
  if (site) return site !== 'same-origin'
  const referer = request.header('Referer')
  if (!referer) return true
  try {
    return new URL(referer).host !== request.header('Host')
  } catch {
    return true
  }
}
