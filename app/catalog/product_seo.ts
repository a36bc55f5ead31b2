import type { AvailabilityState } from '#queries/storefront_product_query'
import { decimalPrice } from '#catalog/seo'

export interface SeoVariant {
  sku: string | null
  price: number
  currency: string
  availability: { state: AvailabilityState }
}

const SCHEMA_AVAILABILITY: Record<AvailabilityState, string> = {
  in_stock: 'https://schema.org/InStock',
  low_stock: 'https://schema.org/InStock',
  // can be ordered past zero: schema.org's term for exactly that
  backorder: 'https://schema.org/BackOrder',
  sold_out: 'https://schema.org/OutOfStock',
}

/**
 * The schema.org `Product` of a product page: one `Offer` per variant; with
 * several variants in one currency an `AggregateOffer` (low/high price,
 * count) that lists them. Prices are decimal strings, availability comes
 * from the inventory port (through each variant's availability state).
 */
export function productJsonLd(input: {
  name: string
  description: string | null
  url: string
  image: string | null
  brand: string | null
  variants: SeoVariant[]
}) {
  const offers = input.variants.map((variant) => ({
    '@type': 'Offer',
    ...(variant.sku ? { sku: variant.sku } : {}),
    price: decimalPrice(variant.price, variant.currency),
    priceCurrency: variant.currency,
    availability: SCHEMA_AVAILABILITY[variant.availability.state],
    url: input.url,
  }))
  const currencies = new Set(input.variants.map((variant) => variant.currency))
  const prices = input.variants.map((variant) => variant.price)
  const single = input.variants.length === 1 ? input.variants[0] : null

  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    ...(single?.sku ? { sku: single.sku } : {}),
    ...(input.image ? { image: input.image } : {}),
    ...(input.brand ? { brand: { '@type': 'Brand', name: input.brand } } : {}),
    url: input.url,
    ...(offers.length === 0
      ? {}
      : offers.length === 1
        ? { offers: offers[0] }
        : currencies.size === 1
          ? {
              offers: {
                '@type': 'AggregateOffer',
                lowPrice: decimalPrice(Math.min(...prices), input.variants[0].currency),
                highPrice: decimalPrice(Math.max(...prices), input.variants[0].currency),
                priceCurrency: input.variants[0].currency,
                offerCount: offers.length,
                offers,
              },
            }
          : { offers }),
  }
}
