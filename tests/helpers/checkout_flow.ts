/**
 * A shopper's checkout through HTTP, step by step, with an HttpAgent:
 * used by the functional tests and by `npm run bench`. Depends on nothing
 * but HTTP, so it runs against any Stockroom server.
 */
import type { AgentResponse, HttpAgent } from './http_agent.js'

export interface CheckoutDetailsForm {
  email: string
  first_name: string
  last_name: string
  line1: string
  city: string
  postal_code: string
  country_code: string
  [field: string]: string
}

/** Value of a hidden input of a rendered form. */
export function hiddenField(html: string, name: string) {
  return new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? null
}

/** Adds a variant to the agent's cart the way the product page form does. */
export async function addToCart(agent: HttpAgent, variantId: number, quantity = 1) {
  const response = await agent.post('/cart/lines', { variantId: String(variantId), quantity: String(quantity) })
  if (response.status !== 303 && response.status !== 302) throw new Error(`add to cart answered ${response.status}`)
}

/** The details and shipping steps; answers the review page. */
export async function checkoutUpToReview(agent: HttpAgent, shippingMethodId: number, details: CheckoutDetailsForm) {
  const saved = await agent.submit('/checkout', '/checkout', details)
  if (saved.location !== '/checkout/shipping') throw await unexpectedAnswer(agent, 'details', saved)
  const shipping = await agent.submit('/checkout/shipping', '/checkout/shipping', { shipping_method_id: String(shippingMethodId) })
  if (shipping.location !== '/checkout/review') throw await unexpectedAnswer(agent, 'shipping', shipping)
  return agent.get('/checkout/review')
}

/** An error naming what a step answered and what the page it led to told the shopper. */
async function unexpectedAnswer(agent: HttpAgent, step: string, answer: AgentResponse) {
  let told = ''
  if (answer.location) {
    const next = await agent.get(answer.location).catch(() => null)
    const region = next?.text.match(/class="flash-area"[^>]*>([\s\S]{0,600})/)?.[1] ?? ''
    told = region.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)
  }
  const cookies = [...agent.cookies.keys()].join(', ')
  return new Error(`${step} answered ${answer.status} ${answer.location}; the next page said "${told}"; cookies: ${cookies}`)
}

/** The Place order form of a review page, ready to post (token, expected total, CSRF). */
export function placeOrderForm(review: AgentResponse) {
  const form = {
    checkout_token: hiddenField(review.text, 'checkout_token'),
    expected_total: hiddenField(review.text, 'expected_total'),
    _csrf: /<input[^>]*name=['"]_csrf['"][^>]*value=['"]([^'"]+)['"]/i.exec(review.text)?.[1] ?? null,
  }
  if (!form.checkout_token || !form.expected_total || !form._csrf) {
    throw new Error(`the review page (status ${review.status}) has no Place order form`)
  }
  return form as Record<string, string>
}

/** The public token in a /orders/:token/pay redirect, or null. */
export function orderTokenFrom(location: string | null) {
  return /^\/orders\/([^/]+)\/pay$/.exec(location ?? '')?.[1] ?? null
}
