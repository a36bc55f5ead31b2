import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import runtime from '#config/runtime'
import ProductOption from '#models/product_option'
import ProductImage from '#models/product_image'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { VariantFactory } from '#database/factories/variant_factory'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** A 1×1 PNG: enough for the storefront to show (and the browser to load) a picture. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
)

/** A picture of the product, stored and ready to show (a 1×1 PNG, 800 × 800 as recorded). */
export async function readyImage(productId: number, position: number, alt: string) {
  const key = `products/test/${randomUUID()}.png`
  await mkdir(join(runtime.uploadsDir, 'products/test'), { recursive: true })
  await writeFile(join(runtime.uploadsDir, key), PNG)
  return ProductImage.create({ productId, storageKey: key, status: 'ready', width: 800, height: 800, alt, position })
}

/**
 * A product with Size × Color where one combination is missing and one is
 * sold out, each variant with its own price, stock and picture:
 *   S / Red   $20.00            10 in stock  picture "Red"
 *   S / Blue  $22.00 (was $30)   2 in stock  picture "Blue"
 *   M / Red   $24.00             sold out
 *   M / Blue  (does not exist)
 */
export async function sizeColorProduct() {
  const product = await ProductFactory.create()
  await ProductOption.createMany([
    { productId: product.id, name: 'Size', position: 1 },
    { productId: product.id, name: 'Color', position: 2 },
  ])
  const red = await readyImage(product.id, 1, 'Red picture')
  const blue = await readyImage(product.id, 2, 'Blue picture')
  const [smallRed, smallBlue, mediumRed] = await VariantFactory.merge([
    { productId: product.id, option1: 'S', option2: 'Red', title: 'S / Red', price: 2000, position: 1, imageId: red.id },
    { productId: product.id, option1: 'S', option2: 'Blue', title: 'S / Blue', price: 2200, compareAtPrice: 3000, position: 2, imageId: blue.id },
    { productId: product.id, option1: 'M', option2: 'Red', title: 'M / Red', price: 2400, position: 3, imageId: red.id },
  ]).createMany(3)
  const inventory = inventoryPort
  await inventory.adjust({ variantId: smallRed.id, delta: 10, reason: 'received' })
  await inventory.adjust({ variantId: smallBlue.id, delta: 2, reason: 'received' })
  return { product, smallRed, smallBlue, mediumRed, images: { red, blue } }
}
