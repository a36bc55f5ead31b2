import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Collection from '#models/collection'
import ProductImage from '#models/product_image'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { effectiveSort, scopedProducts } from '#queries/catalog_query'
import { imageSources } from '#queries/storefront_product_query'
import type { HomeSettings } from '#settings/store_settings'
import { parseCatalogFilters } from '#validators/catalog_filters'

/** Collections shown when staff picked none: the first published ones by title. */
export const DEFAULT_FEATURED_COLLECTIONS = 4

/** The collections to feature, published only, in the order staff picked them (or the first by title). */
async function featuredCollections(ids: number[]) {
  if (!ids.length) {
    return Collection.query().where('published', true).orderBy('title').limit(DEFAULT_FEATURED_COLLECTIONS)
  }
  const rows = await Collection.query().where('published', true).whereIn('id', ids)
  const byId = new Map(rows.map((collection) => [collection.id, collection]))
  return ids.map((id) => byId.get(id)).filter((collection): collection is Collection => Boolean(collection))
}

/**
 * A collection card's figures: how many active products it holds and the
 * first one's picture, in the collection's own order (manual position,
 * or its sort), skipping products without a ready picture. Two queries per
 * collection, at most six collections: the page is cached whole, so this
 * runs once per change.
 */
async function collectionFigures(collection: Collection, filters: Awaited<ReturnType<typeof parseCatalogFilters>>, inventory: InventoryPort) {
  const scope = { collection }
  const [counted, first] = await Promise.all([
    scopedProducts(scope, filters, inventory).count('* as total').first(),
    (() => {
      const query = scopedProducts(scope, filters, inventory)
        .whereExists(db.from('product_images').select(db.raw('1')).whereRaw('product_images.product_id = products.id').where('status', 'ready'))
        .select('products.id')
      const sort = effectiveSort(scope, null)
      if (sort === 'manual') {
        query.orderByRaw('(select position from collection_products where collection_id = ? and product_id = products.id)', [collection.id])
      } else if (sort === 'price-asc' || sort === 'price-desc') {
        query.orderByRaw(`(select min(price) from variants where variants.product_id = products.id) ${sort === 'price-asc' ? 'asc' : 'desc'}`)
      }
      return query.orderBy('products.created_at', 'desc').orderBy('products.id', 'desc').first()
    })(),
  ])
  return { count: Number(counted?.total ?? 0), firstProductId: first ? Number(first.id) : null }
}

/**
 * Everything the storefront home shows above the product listing: the hero
 * (staff's words, else the store's name) and the featured collections as
 * cards with a picture and a product count.
 */
export async function homePage(settings: HomeSettings) {
  const collections = await featuredCollections(settings.featuredCollectionIds)
  const inventory = await app.container.make(InventoryPort)
  const noFilters = await parseCatalogFilters({})
  const figures = await Promise.all(collections.map((collection) => collectionFigures(collection, noFilters, inventory)))

  const productIds = figures.map((figure) => figure.firstProductId).filter((id): id is number => id !== null)
  const images = productIds.length
    ? await ProductImage.query().whereIn('product_id', productIds).where('status', 'ready').orderBy('position').orderBy('id')
    : []
  const firstImage = new Map<number, ProductImage>()
  for (const image of images) if (!firstImage.has(image.productId)) firstImage.set(image.productId, image)

  // a store whose staff wrote no hero yet gets Dawn's default banner: its name, one line and a button
  // to every product (the listing under the collections, #catalog), not a bare name in a box
  const unwritten = !settings.heroHeading && !settings.heroText && !settings.buttonLabel
  return {
    hero: {
      heading: settings.heroHeading,
      text: settings.heroText ?? (unwritten ? 'Browse the catalog: everything we sell, in one place.' : null),
      button:
        settings.buttonLabel && settings.buttonLink
          ? { label: settings.buttonLabel, href: settings.buttonLink }
          : unwritten
            ? { label: 'Shop all', href: '#catalog' }
            : null,
      image: settings.heroImage ? { ...imageSources(settings.heroImage), alt: settings.heroImageAlt ?? '' } : null,
    },
    collections: collections.map((collection, index) => {
      const { count, firstProductId } = figures[index]
      const image = firstProductId ? firstImage.get(firstProductId) : undefined
      return {
        handle: collection.handle,
        title: collection.title,
        productCount: count,
        image: image ? { ...imageSources(image), alt: '' } : null,
      }
    }),
  }
}

export type HomePage = Awaited<ReturnType<typeof homePage>>
