import logger from '@adonisjs/core/services/logger'
import { sanitizeRichText } from '#services/rich_text'
import { storeSettings } from '#settings/store_settings'

/**
 * The store's policy pages (Admin › Settings › Policies, `/policies/:handle`).
 * Staff write plain text; `policyHtml` turns it into paragraphs and links.
 * A policy with no text has no page, no footer link and no checkout link:
 * the defaults are empty, never placeholder legal text.
 */
export const STORE_POLICIES = [
  { handle: 'refund', key: 'refund_policy', title: 'Refund policy' },
  { handle: 'shipping', key: 'shipping_policy', title: 'Shipping policy' },
  { handle: 'privacy', key: 'privacy_policy', title: 'Privacy policy' },
  { handle: 'terms', key: 'terms_of_service', title: 'Terms of service' },
  { handle: 'contact', key: 'contact_information', title: 'Contact information' },
] as const

export type PolicyKey = (typeof STORE_POLICIES)[number]['key']
export type PolicyHandle = (typeof STORE_POLICIES)[number]['handle']

/** The `policies` section of the store settings: each policy's plain text ('' when not written). */
export type PolicySettings = Record<PolicyKey, string>

export const POLICY_DEFAULTS: PolicySettings = {
  refund_policy: '',
  shipping_policy: '',
  privacy_policy: '',
  terms_of_service: '',
  contact_information: '',
}

export interface StorePolicy {
  handle: PolicyHandle
  title: string
  text: string
}

/** The policies that have text, in the footer's order (cached with the settings: no SQL on a warm read). */
export async function publishedPolicies(): Promise<StorePolicy[]> {
  const saved = { ...POLICY_DEFAULTS, ...(await storeSettings('policies')) }
  return STORE_POLICIES.filter((policy) => saved[policy.key]?.trim()).map((policy) => ({
    handle: policy.handle,
    title: policy.title,
    text: saved[policy.key],
  }))
}

/** One published policy by its URL handle, or null (unknown handle or no text). */
export async function publishedPolicy(handle: string) {
  return (await publishedPolicies()).find((policy) => policy.handle === handle) ?? null
}

/**
 * For the storefront layout, which renders on every page including error
 * pages: a settings read that fails (database away) leaves the links out
 * instead of turning a 500 page into a blank one.
 */
export async function footerPolicies(): Promise<StorePolicy[]> {
  try {
    return await publishedPolicies()
  } catch (error) {
    logger.warn({ err: error }, 'policy links left out of the page')
    return []
  }
}

const LINK = /\b(https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g

/**
 * Plain text as HTML: a blank line starts a paragraph, a line break stays a
 * line break, web addresses and email addresses become links. The text is
 * escaped first and the result goes through the rich-text allow-list too
 * (the same one as product descriptions), so nothing typed can become markup.
 */
export function policyHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${linkify(escape(block)).replace(/\n/g, '<br>')}</p>`)
  return sanitizeRichText(paragraphs.join('\n'))
}

/** The first paragraph of a policy, cut at a word near `max` characters (the product page's summary). */
export function policySummary(text: string, max = 220): string {
  const first = text.replace(/\r\n?/g, '\n').trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ')
  if (first.length <= max) return first
  const cut = first.slice(0, max)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escape(text: string) {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character])
}

function linkify(escaped: string) {
  return escaped.replace(LINK, (match) => {
    const href = match.includes('@') && !match.startsWith('http') ? `mailto:${match}` : match
    return `<a href="${href}">${match}</a>`
  })
}
