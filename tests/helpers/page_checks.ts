import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { baseUrl } from '#tests/helpers/browser'
import runtime from '#config/runtime'

/**
 * What a page must hold at every width: no horizontal overflow and no
 * serious or critical axe-core violation. Shared by the layout crawls.
 */

/**
 * Phone widths get mobile emulation (touch, device scale), as a real phone would.
 * The embedded run crawls all four widths. The PostgreSQL + Redis run renders the
 * same templates and CSS from PostgreSQL's data, so one phone and one desktop width
 * cover what can differ there; the other two would double the slowest specs of `.ci/run`.
 */
export const CRAWL_WIDTHS: readonly number[] = runtime.database === 'pg' ? [390, 1366] : [360, 390, 768, 1366]

/**
 * The two whole-site crawls (every storefront and every admin page) run in the
 * embedded suite only: they check templates and CSS, which do not change with the
 * database, and at four minutes they were the PostgreSQL run's slowest specs.
 * The smaller crawls (home page, order and product pages) still run in both.
 */
export const SITE_CRAWL_ONCE = {
  skip: runtime.database === 'pg',
  reason: 'the whole-site crawl runs in the embedded (SQLite) suite: layout does not depend on the database',
} as const

export async function contextAt(browser: Browser, width: number): Promise<BrowserContext> {
  const phone = width < 500
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: { width, height: phone ? 780 : 900 },
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
}

/**
 * How far the document is wider than the device. With mobile emulation the
 * layout viewport grows to fit overflowing content, so `innerWidth` would
 * hide the overflow: compare with the device width instead. Answers the
 * widest offending elements too, so a failure says what to fix.
 */
export async function horizontalOverflow(page: Page, width: number) {
  return page.evaluate((deviceWidth) => {
    const document = (globalThis as any).document
    const scrollWidth: number = document.documentElement.scrollWidth
    const culprits: string[] = []
    if (scrollWidth > deviceWidth) {
      const view = (globalThis as any).window
      // inside a box that clips or scrolls, an element cannot widen the page
      const clipped = (element: any) => {
        for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          if (view.getComputedStyle(parent).overflowX !== 'visible') return true
        }
        return false
      }
      for (const element of Array.from(document.body.querySelectorAll('*')) as any[]) {
        const box = element.getBoundingClientRect()
        if (box.right > deviceWidth + 1 && box.width > 0 && !clipped(element)) {
          const tag = element.tagName.toLowerCase()
          const name = (element.getAttribute('class') ?? '').trim().split(/\s+/)[0]
          culprits.push(`${tag}${name ? '.' + name : ''} (right ${Math.round(box.right)})`)
        }
        if (culprits.length >= 6) break
      }
    }
    return { scrollWidth, culprits }
  }, width)
}

// Evaluated through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's serious and critical violations on the page, one line each. */
export async function seriousAxeViolations(page: Page) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] })
    return (result.violations as any[])
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node: any) => node.target.join(' ')).slice(0, 3).join(', ')}`)
  })
  return violations as string[]
}

export function screenshotPath(name: string, width: number) {
  mkdirSync('tmp/screenshots', { recursive: true })
  return `tmp/screenshots/${name}-${width}.png`
}

/**
 * The widths whose screenshots are kept for review: a phone and a desktop. The
 * crawls also measure 360 and 768 px, but a full-page picture at a phone's device
 * scale is their slowest step, and reviewers look at these two.
 */
export const SCREENSHOT_WIDTHS: readonly number[] = [390, 1366]

/**
 * Everything a crawl checks on the page it has open, as lines naming the page and
 * the width (empty when all is well), with a full-page screenshot at the review
 * widths as tmp/screenshots/<name>-<width>.png.
 */
export async function checkPage(page: Page, name: string, width: number) {
  const problems: string[] = []
  const { scrollWidth, culprits } = await horizontalOverflow(page, width)
  if (scrollWidth > width) problems.push(`${name} at ${width}px is ${scrollWidth}px wide: ${culprits.join(', ')}`)
  for (const violation of await seriousAxeViolations(page)) problems.push(`${name} at ${width}px: axe ${violation}`)
  // a full page of a long list (a 9,000 px staff list at 390) took over the crawl's 20 s on a busy machine
  if (SCREENSHOT_WIDTHS.includes(width)) await page.screenshot({ path: screenshotPath(name, width), fullPage: true, timeout: 60_000 })
  return problems
}

/**
 * Runs `crawl` for every width, two widths at a time, each in its own browser
 * context: a page waits on the server or the renderer much of the time, so two
 * overlap well on two cores, while four at once on a busy machine made
 * full-page screenshots time out. Answers the problems of all widths, in width order.
 */
export async function crawlWidths(widths: readonly number[], crawl: (width: number) => Promise<string[]>, atOnce = 2) {
  const found: string[][] = new Array(widths.length)
  let next = 0
  const lane = async () => {
    while (next < widths.length) {
      const index = next++
      found[index] = await crawl(widths[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(atOnce, widths.length) }, lane))
  return found.flat()
}
