import ProductImage from '#models/product_image'
import Variant from '#models/variant'
import { imageUrlAtLeast, isDisplayable } from '#queries/storefront_product_query'

/**
 * The editor's Images panel: every picture of a product in order (pending
 * and failed imports too, so staff can see and remove them), a thumbnail
 * URL, and which variants show each one. Two queries.
 */
export async function productImagesPanel(productId: number) {
  const [images, variants] = await Promise.all([
    ProductImage.query().where('product_id', productId).orderBy('position').orderBy('id'),
    Variant.query().where('product_id', productId).orderBy('position').orderBy('id').select('id', 'title', 'sku', 'image_id'),
  ])
  return {
    productId,
    variants: variants.map((variant) => ({ id: variant.id, label: variant.sku ? `${variant.title} (${variant.sku})` : variant.title })),
    images: images.map((image, index) => ({
      id: image.id,
      status: image.status,
      // 320 wide for a ~8rem thumbnail on a 2x screen
      thumb: isDisplayable(image) ? imageUrlAtLeast(image, 320) : null,
      alt: image.alt ?? '',
      width: image.width,
      height: image.height,
      byteSize: image.byteSize,
      widths: (image.renditions ?? []).filter((rendition) => rendition.format !== 'avif').map((rendition) => rendition.width),
      avif: (image.renditions ?? []).some((rendition) => rendition.format === 'avif'),
      sourceUrl: image.sourceUrl,
      error: image.error,
      first: index === 0,
      last: index === images.length - 1,
      variantIds: variants.filter((variant) => variant.imageId === image.id).map((variant) => variant.id),
    })),
  }
}

export type ProductImagesPanel = Awaited<ReturnType<typeof productImagesPanel>>
