import Product from '#models/product'
import Variant from '#models/variant'
import ProductImage from '#models/product_image'
import { asset } from '#services/assets'

/** Products per listing page (home, collections, search). */
export const STOREFRONT_PAGE_SIZE = 24

/** What a shopper sees of a price: one amount, or "from" the cheapest variant. */
export interface PriceSummary {
  amount: number
  currency: string
  /** variants have different prices: show "From {amount}" */
  varies: boolean
  /** the cheapest variant's compare-at price, when it is a real discount */
  compareAt: number | null
}

export function priceSummary(variants: Variant[]): PriceSummary | null {
  if (variants.length === 0) return null
  const cheapest = variants.reduce((low, variant) => (variant.price < low.price ? variant : low))
  return {
    amount: cheapest.price,
    currency: cheapest.currency,
    varies: variants.some((variant) => variant.price !== cheapest.price),
    compareAt: cheapest.isOnSale ? cheapest.compareAtPrice : null,
  }
}

/** An image the storefront can show: stored, not pending or failed. */
export function isDisplayable(image: ProductImage | undefined | null): image is ProductImage {
  return Boolean(image && image.status === 'ready' && image.storageKey)
}

/** Public URL of a stored image (served by the media route). */
export function mediaUrl(storageKey: string) {
  return asset(`/media/${storageKey.split('/').map(encodeURIComponent).join('/')}`)
}

/** One active product by handle with everything its page shows, or null. */
export async function findActiveProductByHandle(handle: string): Promise<Product | null> {
  return Product.query()
    .withScopes((scopes) => scopes.active())
    .where('handle', handle)
    .preload('variants')
    .preload('images')
    .preload('options')
    .first()
}

export type AvailabilityState = 'in_stock' | 'low_stock' | 'backorder' | 'sold_out'

/** Below this many, the page says "Only N left". */
export const LOW_STOCK_DISPLAY = 5

/**
 * How a variant's stock reads to a shopper. Untracked variants are always
 * in stock; "continue" variants can be ordered past zero.
 */
export function variantAvailability(variant: Variant, available: number | undefined) {
  if (!variant.trackInventory) return { state: 'in_stock' as AvailabilityState, quantity: null }
  const quantity = available ?? 0
  if (quantity > LOW_STOCK_DISPLAY) return { state: 'in_stock' as AvailabilityState, quantity }
  if (quantity > 0) return { state: 'low_stock' as AvailabilityState, quantity }
  if (variant.inventoryPolicy === 'continue') return { state: 'backorder' as AvailabilityState, quantity: 0 }
  return { state: 'sold_out' as AvailabilityState, quantity: 0 }
}
