import app from '@adonisjs/core/services/app'
import Variant from '#models/variant'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { formatMoney } from '#services/money'
import { imageUrlAtLeast, isDisplayable } from '#queries/storefront_product_query'
import type { PricedCart, PricedLine, PricingInput, PricingStep } from '#plugin_host/extension_points/pricing'
import { pricingClient } from '#pricing/client'

/**
 * Step 1: each line at the variant's current price, clamped to sellable
 * stock. Messages tell the shopper what changed since they added it.
 */
export const linePricesStep: PricingStep = {
  name: 'line_prices',
  async apply(state, input) {
    const requested = mergeLines(input.lines)
    if (!requested.size) return
    const ids = [...requested.keys()]
    const variants = await Variant.query({ client: pricingClient(input) })
      .whereIn('id', ids)
      .preload('product', (product) => product.preload('images'))
    const byId = new Map(variants.map((variant) => [variant.id, variant]))
    const limited = variants.filter((variant) => variant.trackInventory && variant.inventoryPolicy === 'deny')
    const available = input.trx || !limited.length ? new Map<number, number>() : await stockOf(limited.map((v) => v.id))

    for (const [variantId, wanted] of requested) {
      const variant = byId.get(variantId)
      if (!variant) {
        state.messages.push({ kind: 'unavailable', variantId, text: 'An item in your cart is no longer sold and was left out.' })
        continue
      }
      const line = pricedLine(variant, wanted.quantity)
      const isLimited = !input.trx && limited.includes(variant)
      line.available = isLimited ? Math.max(0, available.get(variantId) ?? 0) : null
      applyAvailability(state, line, variant, wanted.quantity)
      if (wanted.unitPriceAtAdd !== undefined && wanted.unitPriceAtAdd !== variant.price && !line.unavailable) {
        line.priceChanged = true
        state.messages.push({
          kind: 'price_changed',
          variantId,
          text:
            `The price of ${label(line)} changed from ${formatMoney(wanted.unitPriceAtAdd, state.currency)} ` +
            `to ${formatMoney(variant.price, state.currency)} since you added it.`,
        })
      }
      line.subtotal = line.unitPrice * line.quantity
      line.total = line.subtotal
      state.lines.push(line)
    }
    state.subtotal = state.lines.reduce((sum, line) => sum + line.subtotal, 0)
  },
}

function applyAvailability(state: PricedCart, line: PricedLine, variant: Variant, wanted: number) {
  const { variantId } = line
  if (variant.product.status !== 'active' || variant.currency !== state.currency) {
    line.unavailable = true
    line.quantity = 0
    state.messages.push({ kind: 'unavailable', variantId, text: `${label(line)} is no longer available. Please remove it.` })
  } else if (line.available !== null && line.available <= 0) {
    line.quantity = 0
    state.messages.push({ kind: 'out_of_stock', variantId, text: `${label(line)} is sold out. It stays in your cart but will not be ordered.` })
  } else if (line.available !== null && line.available < wanted) {
    line.quantity = line.available
    state.messages.push({
      kind: 'quantity_reduced',
      variantId,
      text: `Only ${line.available} of ${label(line)} left: we reduced the quantity from ${wanted} to ${line.available}.`,
    })
  }
}

function pricedLine(variant: Variant, quantity: number): PricedLine {
  const product = variant.product
  const images = product.images.filter(isDisplayable)
  const image = images.find((candidate) => candidate.id === variant.imageId) ?? images[0]
  const options = variant.optionValues.join(' / ')
  return {
    variantId: variant.id,
    productId: product.id,
    productHandle: product.handle,
    title: product.title,
    variantTitle: options && options !== 'Default Title' ? options : null,
    sku: variant.sku,
    imageUrl: image ? imageUrlAtLeast(image, 160) : null,
    requestedQuantity: quantity,
    quantity,
    available: null,
    unitPrice: variant.price,
    compareAtPrice: variant.isOnSale ? variant.compareAtPrice : null,
    subtotal: 0,
    discountAmount: 0,
    taxAmount: 0,
    total: 0,
    taxable: variant.taxable,
    requiresShipping: variant.requiresShipping,
    weightGrams: variant.weightGrams ?? 0,
    priceChanged: false,
    unavailable: false,
  }
}

/** Same variant twice (a merged cart, a hand-built input): one line with the quantities added. */
function mergeLines(lines: PricingInput['lines']) {
  const merged = new Map<number, { quantity: number; unitPriceAtAdd?: number }>()
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) continue
    const seen = merged.get(line.variantId)
    if (seen) seen.quantity += line.quantity
    else merged.set(line.variantId, { quantity: line.quantity, unitPriceAtAdd: line.unitPriceAtAdd })
  }
  return merged
}

async function stockOf(variantIds: number[]) {
  return (await app.container.make(InventoryPort)).available(variantIds)
}

function label(line: PricedLine) {
  return `“${line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title}”`
}
