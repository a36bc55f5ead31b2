import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * The pricing pipeline: how a cart (or an order being placed) gets its
 * totals. Ordered, named steps, core's `line_prices` → `discounts` →
 * `shipping` → `tax`, each reading and amending one PricedCart. Plugins add
 * steps between them with `ctx.pricing.step(name, apply, { before | after })`
 * (see PricingRegistry). Everything is recomputed on the server from the
 * database; a price the browser sends is never used. Amounts are integer
 * minor units in the cart's currency.
 *
 * Arithmetic: percentages round half up once on the cart, then the amount is
 * spread over lines by largest remainder, so line shares always add up to the
 * cart figure exactly (discounts and tax alike).
 * total = subtotal − discountTotal + shippingTotal + (taxIncluded ? 0 : taxTotal)
 *
 * Stock: without `trx` each line is clamped to InventoryPort.available. With
 * `trx` (placing an order) availability is not read: on SQLite the
 * transaction holds the only connection, and the reservation made in that
 * same transaction is what decides (InsufficientStockError).
 */
export interface PricingInput {
  currency: string
  lines: Array<{ variantId: number; quantity: number; /** price the shopper saw when adding */ unitPriceAtAdd?: number }>
  discountCode?: string | null
  customerId?: number | null
  /** customer email, for per-customer discount limits of guests */
  email?: string | null
  /** where it ships, when known; shipping and tax estimates need it */
  shippingAddress?: { countryCode: string; region?: string | null; postalCode?: string | null } | null
  shippingMethodId?: number | null
  /** read through the order transaction while placing an order */
  trx?: TransactionClientContract
}

export type PricingMessageKind =
  | 'price_changed'
  | 'quantity_reduced'
  | 'out_of_stock'
  | 'unavailable'
  | 'discount_invalid'
  | 'discount_not_applicable'
  | 'shipping_unavailable'

export interface PricingMessage {
  /** core's kinds, or a plugin's own (prefix it with the plugin name: "minimum-order.below") */
  kind: PricingMessageKind | (string & {})
  /** shown to the shopper as is */
  text: string
  variantId?: number
  /**
   * The cart cannot be ordered while this message stands (an order minimum
   * not reached…): placing the order is refused with its text.
   */
  blocksCheckout?: boolean
}

export interface PricedLine {
  variantId: number
  productId: number
  productHandle: string
  title: string
  variantTitle: string | null
  sku: string | null
  imageUrl: string | null
  /**
   * What the shopper asked for, and what can be sold (clamped to stock). 0
   * when sold out or no longer sold: such lines add nothing to any total and
   * must not be ordered.
   */
  requestedQuantity: number
  quantity: number
  /** sellable units right now; null when the variant does not limit sales (or inside `trx`) */
  available: number | null
  /** current price differs from unitPriceAtAdd */
  priceChanged: boolean
  /** the product is no longer active (or sold in another currency) */
  unavailable: boolean
  unitPrice: number
  compareAtPrice: number | null
  /** unitPrice × quantity, before discounts */
  subtotal: number
  /** this line's share of order-level discounts */
  discountAmount: number
  taxAmount: number
  /** subtotal − discount (+ tax when prices exclude tax) */
  total: number
  taxable: boolean
  requiresShipping: boolean
  weightGrams: number
}

export interface ShippingOption {
  /** shipping_methods.id */
  id: number
  name: string
  amount: number
  /** e.g. "3–5 business days" */
  description: string | null
}

export interface PricedCart {
  currency: string
  lines: PricedLine[]
  /** sum of line subtotals */
  subtotal: number
  discountTotal: number
  shippingTotal: number
  taxTotal: number
  /** what the shopper pays */
  total: number
  /** part of taxTotal charged on shipping (taxTotal = Σ line taxAmount + shippingTax) */
  shippingTax: number
  /** prices already include tax (VAT-style) for this destination */
  taxIncluded: boolean
  /** the rate applied, when the destination has one */
  taxRate: { id: number; name: string; rate: number } | null
  /**
   * The applied code. `amount` is what it saves the shopper: the merchandise
   * discount (= discountTotal), or for free shipping the shipping price waived
   * (shippingTotal is then 0 and discountTotal stays 0).
   */
  discount: { id: number; code: string; kind: 'percentage' | 'fixed_amount' | 'free_shipping'; amount: number } | null
  shippingOptions: ShippingOption[]
  shippingMethod: ShippingOption | null
  requiresShipping: boolean
  messages: PricingMessage[]
}

/** What a step does: read the input, amend the state the steps before it left. */
export type PricingStepFn = (state: PricedCart, input: PricingInput) => Promise<void> | void

/** One named step of the pipeline. */
export interface PricingStep {
  readonly name: string
  apply: PricingStepFn
}

/** Core's own steps, in their order; anchors for plugin steps. */
export const CORE_PRICING_STEP_NAMES = ['line_prices', 'discounts', 'shipping', 'tax'] as const

/**
 * Where a step goes: right before or right after a step already registered
 * (core's, or one of a plugin listed earlier). Neither: after every step,
 * just before the grand total is taken. Steps anchored to the same place
 * keep the order of config/plugins.ts.
 */
export type PricingStepPosition = { before: string; after?: never } | { after: string; before?: never } | { before?: never; after?: never }

/**
 * The pricing extension point as plugins see it (`ctx.pricing`). A step is
 * given the state after the steps before it: to take money off before tax
 * is computed, place it `{ before: 'tax' }` and lower the lines'
 * `discountAmount` and `total` together with `discountTotal`; tax then uses
 * the lower base. The grand total is always settled after the last step:
 * total = subtotal − discountTotal + shippingTotal + (taxIncluded ? 0 : taxTotal).
 * An unknown anchor or a name already taken stops boot with a message
 * naming the plugin.
 */
export interface PricingRegistry {
  step(name: string, apply: PricingStepFn, position?: PricingStepPosition): void
  /** step names in the order they run */
  names(): string[]
}
