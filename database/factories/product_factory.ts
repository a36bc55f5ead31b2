import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import Product from '#models/product'
import ProductImage from '#models/product_image'
import { VariantFactory } from '#database/factories/variant_factory'
import { uniqueSuffix } from '#database/factories/unique'

export const ProductImageFactory = factory
  .define(ProductImage, () => ({
    storageKey: null,
    sourceUrl: 'https://example.com/image.jpg',
    alt: 'Product photo',
    position: 1,
    status: 'pending' as const,
  }))
  .build()

/**
 * Active products by default. Add variants with `.with('variants', 3)`
 * (each with its own SKU and option value), images with `.with('images')`.
 */
export const ProductFactory = factory
  .define(Product, () => {
    const suffix = uniqueSuffix()
    return {
      handle: `test-product-${suffix}`,
      title: `Test product ${suffix}`,
      descriptionHtml: '<p>A product made by a test.</p>',
      vendor: 'Stockroom Test Co',
      productType: 'Widgets',
      status: 'active' as const,
      publishedAt: DateTime.now(),
      lockVersion: 1,
    }
  })
  .state('draft', (product) => {
    product.status = 'draft'
    product.publishedAt = null
  })
  .state('archived', (product) => {
    product.status = 'archived'
  })
  .relation('variants', () => VariantFactory)
  .relation('images', () => ProductImageFactory)
  .build()
