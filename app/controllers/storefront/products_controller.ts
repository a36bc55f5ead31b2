import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { sanitizeRichText } from '#services/rich_text'
import { filtersToQuery, parseCatalogFilters } from '#validators/catalog_filters'
import { homePage } from '#queries/home_page_query'
import { storeSettings } from '#settings/store_settings'
import { LISTING_TARGET, respondWithListing } from '#controllers/storefront/catalog_responder'
import { productTag, tagPage } from '#catalog/catalog_cache'
import { absoluteUrl, jsonLdText, metaDescription } from '#catalog/seo'
import { productJsonLd } from '#catalog/product_seo'
import { formatMoney } from '#services/money'
import { selectVariant, skuLabel, VALUE_NOTES, valueStates, variantPickerData } from '#catalog/variant_picker'
import {
  findActiveProductByHandle,
  galleryImages,
  isDisplayable,
  priceSummary,
  variantAvailability,
} from '#queries/storefront_product_query'

/** The shop's product listing (the home page) and product pages. */
export default class ProductsController {
  /**
   * The home page: the hero and featured collections staff chose (Admin ›
   * Settings › Home page), then every product. A later page, a filtered
   * view and htmx's request for the results fragment are the listing alone.
   */
  async index(ctx: HttpContext) {
    const filters = await parseCatalogFilters(ctx.request.qs())
    const page = {
      heading: 'All products',
      title: filters.page > 1 ? `Products, page ${filters.page}` : null,
      description: null,
      baseUrl: '/',
      canonical: absoluteUrl(ctx, filters.page > 1 ? `/?page=${filters.page}` : '/'),
    }
    const listingOnly = filters.page > 1 || Object.keys(filtersToQuery(filters)).length > 0 || ctx.htmx.wantsFragment(LISTING_TARGET)
    if (listingOnly) return respondWithListing(ctx, {}, filters, page)
    const home = await homePage(await storeSettings('home'))
    return respondWithListing(ctx, {}, filters, page, { view: 'pages/storefront/home', data: { home } })
  }

  @inject()
  async show(ctx: HttpContext, inventory: InventoryPort) {
    const { params, view, response } = ctx
    const product = await findActiveProductByHandle(String(params.handle))
    if (!product) return response.notFound(await view.render('pages/errors/not_found'))
    tagPage(ctx, productTag(product.id))

    const available = await inventory.available(product.variants.map((variant) => variant.id))
    const variants = product.variants.map((variant) => ({
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      optionValues: variant.optionValues,
      price: variant.price,
      compareAt: variant.isOnSale ? variant.compareAtPrice : null,
      currency: variant.currency,
      availability: variantAvailability(variant, available.get(variant.id)),
      /** the gallery picture (`data-image-id`) to show when this variant is picked */
      imageId: variant.imageId,
    }))
    // `?variant=<id>` (the picker's shareable URL) picks the shown variant; a stranger id is
    // sent to the plain URL rather than cached as a page of its own
    const { found, variant: selected } = selectVariant(variants, ctx.request.qs().variant)
    if (!found) return response.redirect().toPath(`/products/${encodeURIComponent(product.handle)}`)
    const images = galleryImages(product)
    const canonical = absoluteUrl(ctx, `/products/${encodeURIComponent(product.handle)}`)
    const descriptionHtml = sanitizeRichText(product.descriptionHtml)
    const description = metaDescription(product.seoDescription, descriptionHtml)
    // link previews want a big picture: the widest WebP copy, not the 640 px fallback
    const image = images.length ? absoluteUrl(ctx, images[0].large) : null
    const seo = {
      canonical,
      description,
      og: { type: 'product', title: product.seoTitle || product.title, description, url: canonical, image },
      jsonLd: jsonLdText(
        productJsonLd({ name: product.title, description, url: canonical, image, brand: product.vendor, variants })
      ),
    }
    const picker = variantPickerData(product.options, variants, images, formatMoney)
    return view.render('pages/storefront/products/show', {
      product,
      seo,
      variants,
      images,
      optionNames: product.options.map((option) => option.name),
      price: priceSummary(product.variants),
      descriptionHtml,
      hasPendingImages: product.images.some((image) => !isDisplayable(image)),
      selected,
      skuText: selected ? skuLabel(selected.sku) : null,
      mainImage: images.find((image) => image.id === selected?.imageId) ?? images[0],
      picker,
      valueStates: valueStates(picker, selected?.id ?? null),
      valueNotes: VALUE_NOTES,
      pickerJson: jsonLdText(picker),
    })
  }
}
