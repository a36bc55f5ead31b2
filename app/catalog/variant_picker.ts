import type { AvailabilityState } from '#queries/storefront_product_query'

/** A variant as the product page shows it (built by the storefront products controller). */
export interface ShownVariant {
  id: number
  title: string
  sku: string | null
  optionValues: string[]
  price: number
  compareAt: number | null
  currency: string
  availability: { state: AvailabilityState; quantity: number | null }
  imageId: number | null
}

interface ShownImage {
  id: number
  src: string
  srcset: string | null
  avifSrcset: string | null
  width: number | null
  height: number | null
  /** the large copy the zoom link opens (the lightbox without JavaScript) */
  large: string
  alt: string
}

/**
 * The variant a product page shows: the one named by `?variant=<id>`, else
 * the first that can be bought, else the first. `found: false` when the
 * query names no variant of this product (the caller redirects, so junk ids
 * never become cached pages of their own).
 */
export function selectVariant<T extends ShownVariant>(variants: T[], requested: unknown) {
  if (requested === undefined || requested === '') {
    const variant = variants.find((v) => v.availability.state !== 'sold_out') ?? variants[0] ?? null
    return { found: true, variant }
  }
  const id = typeof requested === 'string' && /^[1-9]\d{0,15}$/.test(requested) ? Number(requested) : Number.NaN
  const variant = variants.find((v) => v.id === id) ?? null
  return { found: variant !== null, variant }
}

export type ValueState = 'ok' | 'sold_out' | 'missing'

/**
 * For each option value: what picking it (keeping the other picks of
 * `selected`) gives. The server marks the page it renders with these; the
 * picker recomputes them in the browser (valueState in public/js/variant_picker.js).
 */
export function valueStates(picker: ReturnType<typeof variantPickerData>, selectedId: number | null): ValueState[][] {
  const selected = picker.variants.find((variant) => variant.id === selectedId)
  return picker.options.map((option, optionIndex) =>
    option.values.map((_value, valueIndex) => {
      if (!selected) return 'ok'
      const wanted = selected.values.map((value, index) => (index === optionIndex ? valueIndex : value))
      const match = picker.variants.find((variant) => variant.values.every((value, index) => value === wanted[index]))
      if (!match) return 'missing'
      return match.state === 'sold_out' ? 'sold_out' : 'ok'
    })
  )
}

/** Heard after a value's name; the same words as valueNote in public/js/variant_picker.js. */
export const VALUE_NOTES: Record<ValueState, string> = {
  ok: '',
  sold_out: ' (sold out)',
  missing: ' (not available in this combination)',
}

/** What the shopper reads for a stock state; the same words as partials/storefront/availability.edge. */
export function availabilityLabel({ state, quantity }: ShownVariant['availability']) {
  if (state === 'in_stock') return 'In stock'
  if (state === 'low_stock') return `Only ${quantity} left`
  if (state === 'backorder') return 'Available to order'
  return 'Sold out'
}

/**
 * The SKU line under the price, small and muted: "SKU: AB-12", or the code alone when it
 * already starts with "SKU" (so no "SKU SKU-1O75"); null when the variant has none.
 */
export function skuLabel(sku: string | null) {
  const code = sku?.trim()
  if (!code) return null
  return /^sku\b/i.test(code) ? code : `SKU: ${code}`
}

/**
 * The JSON the Alpine variant picker (public/js/variant_picker.js) reads from
 * the page: option names with their values in first-seen order, each variant
 * with its value indexes and pre-formatted texts (so the browser formats
 * nothing), and the gallery pictures a variant can switch to. Public data
 * only: the page is cached and shared.
 */
export function variantPickerData(
  options: Array<{ name: string }>,
  variants: ShownVariant[],
  images: ShownImage[],
  formatMoney: (amount: number, currency: string) => string
) {
  const values: string[][] = options.map(() => [])
  for (const variant of variants) {
    options.forEach((_option, index) => {
      const value = variant.optionValues[index] ?? ''
      if (!values[index].includes(value)) values[index].push(value)
    })
  }
  return {
    options: options.map((option, index) => ({ name: option.name, values: values[index] })),
    variants: variants.map((variant) => ({
      id: variant.id,
      values: options.map((_option, index) => values[index].indexOf(variant.optionValues[index] ?? '')),
      sku: skuLabel(variant.sku),
      price: formatMoney(variant.price, variant.currency),
      compareAt: variant.compareAt ? formatMoney(variant.compareAt, variant.currency) : null,
      state: variant.availability.state,
      availability: availabilityLabel(variant.availability),
      imageId: variant.imageId,
    })),
    images: images.map(({ id, src, srcset, avifSrcset, width, height, large, alt }) => ({ id, src, srcset, avifSrcset, width, height, large, alt })),
  }
}
