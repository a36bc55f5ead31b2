import factory from '@adonisjs/lucid/factories'
import Variant from '#models/variant'
import { uniqueSuffix } from '#database/factories/unique'

export const VariantFactory = factory
  .define(Variant, () => {
    const suffix = uniqueSuffix()
    return {
      sku: `SKU-${suffix.toUpperCase()}`,
      title: `Option ${suffix}`,
      option1: `Option ${suffix}`,
      price: 1999,
      compareAtPrice: null,
      cost: 800,
      currency: 'USD',
      weightGrams: 250,
      taxable: true,
      requiresShipping: true,
      trackInventory: true,
      inventoryPolicy: 'deny' as const,
      position: 1,
    }
  })
  .state('onSale', (variant) => {
    variant.compareAtPrice = variant.price + 500
  })
  .state('untracked', (variant) => {
    variant.trackInventory = false
  })
  .build()
