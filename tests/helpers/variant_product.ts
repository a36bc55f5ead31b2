import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import runtime from '#config/runtime'
import { productDrawing } from '#database/seeders/demo/product_drawings'
import ProductOption from '#models/product_option'
import ProductImage from '#models/product_image'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { VariantFactory } from '#database/factories/variant_factory'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/**
 * A real 800 × 800 picture per position (the demo seed's T-shirt drawing, a hue
 * per position), drawn once per process: the layout crawls' screenshots are
 * reviewed by people, and a blank square reads as a broken image.
 */
const pictures = new Map<number, Promise<Buffer>>()
function pictureFor(position: number) {
  let picture = pictures.get(position)
  if (!picture) {
    const svg = productDrawing({ type: 'T-Shirts', title: `Picture ${position}`, hue: (position * 137) % 360 })
    picture = sharp(Buffer.from(svg)).resize(800, 800).png({ compressionLevel: 6 }).toBuffer()
    pictures.set(position, picture)
  }
  return picture
}

/** A picture of the product, stored and ready to show, as an 800 × 800 PNG. */
export async function readyImage(productId: number, position: number, alt: string) {
  const key = `products/test/${randomUUID()}.png`
  await mkdir(join(runtime.uploadsDir, 'products/test'), { recursive: true })
  await writeFile(join(runtime.uploadsDir, key), await pictureFor(position))
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
