import type { HttpContext } from '@adonisjs/core/http'
import pluginHost from '#services/plugin_host'
import { sanitizeRichText } from '#services/rich_text'
import {
  findActiveProductByHandle,
  isDisplayable,
  listActiveProducts,
  mediaUrl,
  priceSummary,
  variantAvailability,
} from '#queries/storefront_product_query'

/** The shop's product listing (the home page) and product pages. */
export default class ProductsController {
  async index({ request, view }: HttpContext) {
    const page = Math.max(1, Number.parseInt(String(request.input('page', '1')), 10) || 1)
    const products = await listActiveProducts(page)
    products.baseUrl('/')
    const cards = products.all().map((product) => {
      const image = product.images[0]
      return {
        handle: product.handle,
        title: product.title,
        price: priceSummary(product.variants),
        image: isDisplayable(image)
          ? { src: mediaUrl(image.storageKey!), alt: image.alt ?? '', width: image.width, height: image.height }
          : null,
      }
    })
    return view.render('pages/storefront/products/index', { products, cards })
  }

  async show({ params, view, response }: HttpContext) {
    const product = await findActiveProductByHandle(String(params.handle))
    if (!product) return response.notFound(await view.render('pages/errors/not_found'))

    const available = await pluginHost.inventory().available(product.variants.map((variant) => variant.id))
    const variants = product.variants.map((variant) => ({
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      optionValues: variant.optionValues,
      price: variant.price,
      compareAt: variant.isOnSale ? variant.compareAtPrice : null,
      currency: variant.currency,
      availability: variantAvailability(variant, available.get(variant.id)),
    }))
    const images = product.images.filter(isDisplayable).map((image) => ({
      src: mediaUrl(image.storageKey!),
      alt: image.alt ?? product.title,
      width: image.width,
      height: image.height,
    }))
    return view.render('pages/storefront/products/show', {
      product,
      variants,
      images,
      optionNames: product.options.map((option) => option.name),
      price: priceSummary(product.variants),
      descriptionHtml: sanitizeRichText(product.descriptionHtml),
      hasPendingImages: product.images.some((image) => !isDisplayable(image)),
    })
  }
}
