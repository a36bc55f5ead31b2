import Product from '#models/product'
import Variant from '#models/variant'
import ProductImage, { type ImageRendition } from '#models/product_image'
import { mediaUrl } from '#catalog/product_media'

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

export { mediaUrl }

/**
 * What a `<picture>` needs: a fallback `src`, the WebP `srcset`, the AVIF
 * one once its job has made it, and the intrinsic size.
 */
export interface ImageSources {
  src: string
  srcset: string | null
  avifSrcset: string | null
  width: number | null
  height: number | null
}

/** The rendition used as `src` for browsers that ignore srcset: wide enough for a card or a phone. */
const FALLBACK_WIDTH = 640

/** What picking a picture's URLs needs: a product image row, or a stored picture such as the home page's hero. */
type StoredImageRow = Pick<ProductImage, 'storageKey' | 'renditions' | 'width' | 'height'>

const webpOf = (image: StoredImageRow) => (image.renditions ?? []).filter((rendition) => rendition.format !== 'avif')
const srcsetOf = (renditions: ImageRendition[]) =>
  renditions.map((rendition) => `${mediaUrl(rendition.key)} ${rendition.width}w`).join(', ')

/**
 * URLs of a displayable image. Processed uploads get every WebP width in
 * `srcset` (and AVIF in `avifSrcset`); images stored before processing
 * (demo placeholders) keep their single file. Works from the row alone: no
 * query per image.
 */
export function imageSources(image: StoredImageRow): ImageSources {
  const webp = webpOf(image)
  if (!webp.length) {
    return { src: mediaUrl(image.storageKey!), srcset: null, avifSrcset: null, width: image.width, height: image.height }
  }
  const widest = webp.at(-1)!
  const fallback = webp.find((rendition) => rendition.width >= FALLBACK_WIDTH) ?? widest
  const avif = (image.renditions ?? []).filter((rendition) => rendition.format === 'avif')
  return {
    src: mediaUrl(fallback.key),
    srcset: srcsetOf(webp),
    avifSrcset: avif.length ? srcsetOf(avif) : null,
    width: widest.width,
    height: widest.height,
  }
}

/** The smallest WebP copy at least `minWidth` wide (for thumbnails, emails, carts), else the widest, else the original. */
export function imageUrlAtLeast(image: StoredImageRow, minWidth: number) {
  const webp = webpOf(image)
  const pick = webp.find((rendition) => rendition.width >= minWidth) ?? webp.at(-1)
  return mediaUrl(pick ? pick.key : image.storageKey!)
}

/** The product page's pictures, in order: the shown ones only (pending imports are skipped). */
export function galleryImages(product: Product) {
  return product.images.filter(isDisplayable).map((image) => ({
    id: image.id,
    ...imageSources(image),
    /** for OpenGraph and JSON-LD */
    large: imageUrlAtLeast(image, 1200),
    alt: image.alt ?? product.title,
  }))
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
