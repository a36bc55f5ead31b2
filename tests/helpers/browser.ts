import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Group } from '@japa/runner/core'

/**
 * Browser tests drive the system Chromium (never a downloaded one) through
 * playwright-core. One browser per run, a fresh context (cookies, storage)
 * per test.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'


const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

/**
 * One browser per test process, kept as a promise: crawls open their widths at
 * once, and two callers awaiting a launch each would start a Chromium of their
 * own, one never closed (it kept the test process alive after its summary).
 */
let browser: Promise<Browser> | undefined

export function baseUrl() {
  return `http://127.0.0.1:${process.env.PORT}`
}

export function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true }).catch((error) => {
    browser = undefined // a failed launch is tried again by the next test
    throw error
  })
  return browser
}

export async function closeBrowser() {
  const launched = browser
  browser = undefined
  await (await launched?.catch(() => undefined))?.close()
}

export interface BrowserSession {
  context: BrowserContext
  page: Page
  /** console errors and CSP reports seen so far on the page */
  consoleErrors: string[]
  cspViolations: string[]
}

/** A fresh context and page, recording console errors and CSP violations. */
export async function newSession(): Promise<BrowserSession> {
  const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } })
  // Chromium logs most violations itself; this also catches report-only and eval ones.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI)
    })`,
  })
  const page = await context.newPage()
  const consoleErrors: string[] = []
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    // Reported with its URL by the response listener below.
    if (text.startsWith('Failed to load resource')) return
    consoleErrors.push(text)
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate)/i.test(text)) cspViolations.push(text)
  })
  // Chromium's own message for a failed load omits the URL; record it.
  page.on('response', (response) => {
    if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`)
  })
  page.on('pageerror', (error) => {
    consoleErrors.push(error.message)
    if (/Content Security Policy|unsafe-eval/i.test(error.message)) cspViolations.push(error.message)
  })
  return { context, page, consoleErrors, cspViolations }
}

/**
 * The usual browser group: a fresh session before each test (after
 * `before`, e.g. clearing rate limits), its context closed after it, the
 * browser closed after the group. Answers a getter for the current session.
 */
export function browserSessions(group: Group, options: { before?: () => Promise<unknown>; timeoutMs?: number } = {}) {
  let session: BrowserSession | undefined
  group.each.setup(async () => {
    await options.before?.()
    session = await newSession()
    if (options.timeoutMs) session.page.setDefaultTimeout(options.timeoutMs)
    return async () => {
      await session?.context.close()
    }
  })
  group.teardown(() => closeBrowser())
  return () => session!
}

/** Fills checkout's details step as a guest in New Zealand (the browser tests' one address), on the checkout page. */
export async function fillGuestCheckoutDetails(page: Page, email: string) {
  await page.fill('#checkout-email', email)
  await page.fill('#checkout-first-name', 'Ada')
  await page.fill('#checkout-last-name', 'Guest')
  await page.fill('#checkout-line1', '1 Queen Street')
  await page.fill('#checkout-city', 'Auckland')
  await page.fill('#checkout-postal-code', '1010')
  await page.selectOption('#checkout-country-code', 'NZ')
}

/** What the focused element says: its id, aria-label or text (evaluated in the page). */
export function focused(page: Page, what: 'id' | 'aria-label' | 'text') {
  return page.evaluate((property) => {
    const element = (globalThis as any).document.activeElement
    if (!element) return null
    return property === 'text' ? element.textContent.trim() : element.getAttribute(property)
  }, what)
}

/**
 * Waits until htmx runs on the page. Storefront pages load it on intent (a pointer, a key, focus:
 * public/js/storefront.js), so this first moves the pointer over the page, as a shopper's would;
 * admin pages load it with the page. Acting before it arrives is tested in htmx_on_intent.spec.ts.
 */
export async function htmxReady(page: Page) {
  await page.waitForLoadState('load')
  if (await page.evaluate(() => !('htmx' in globalThis) && Boolean((globalThis as any).document.querySelector('meta[name="htmx-src"]')))) {
    await page.mouse.move(5, 5)
    await page.mouse.move(8, 8)
  }
  await page.waitForFunction(() => 'htmx' in globalThis)
}
