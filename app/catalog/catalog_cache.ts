import type { HttpContext } from '@adonisjs/core/http'
import cache from '@adonisjs/cache/services/main'
import logger from '@adonisjs/core/services/logger'

/**
 * Tags of the storefront's full-page cache (see #middleware/page_cache_middleware).
 *
 * - every cached page: `catalog` (the header lists collections, so every page shows catalog data)
 * - listings (home, collection pages, search): `catalog:listing`
 * - a product page: `product:<id>`; a collection page: `collection:<id>`
 *
 * A product shows on its own page and can show on any listing (cards, facet
 * counts, smart collections), so a product change drops its page and every
 * listing. Collections appear in the header of every page, so a collection
 * change drops them all. With Redis the bus drops the entries from every
 * process's memory layer too.
 */
export const CATALOG_TAG = 'catalog'
export const LISTING_TAG = 'catalog:listing'
export const productTag = (id: number) => `product:${id}`
export const collectionTag = (id: number) => `collection:${id}`

const pageTags = new WeakMap<HttpContext, Set<string>>()

/** Adds tags to the page this request renders (used if the page is cached). */
export function tagPage(ctx: HttpContext, ...tags: string[]) {
  const set = pageTags.get(ctx) ?? new Set([CATALOG_TAG])
  for (const tag of tags) set.add(tag)
  pageTags.set(ctx, set)
}

/** The tags the request's page collected, always including `catalog`. */
export function tagsOfPage(ctx: HttpContext) {
  return [...(pageTags.get(ctx) ?? [CATALOG_TAG])]
}

/**
 * Drops cached pages. Called after the change committed: a failure to reach
 * the cache is logged, never thrown, because the write itself succeeded.
 */
async function deleteTags(tags: string[]) {
  if (!tags.length) return
  try {
    await cache.deleteByTag({ tags })
  } catch (error) {
    logger.error({ err: error, tags }, 'catalog cache invalidation failed')
  }
}

/** Products changed (edited, stock moved, deleted, created): their pages and every listing. */
export async function invalidateProducts(ids: Iterable<number>) {
  const tags = [...new Set(ids)].map(productTag)
  if (tags.length) await deleteTags([LISTING_TAG, ...tags])
}

/** Collections changed: they appear in every page's header, so the whole catalog goes. */
export async function invalidateCollections(ids: Iterable<number>) {
  if ([...ids].length) await deleteTags([CATALOG_TAG])
}

/** Everything the storefront cached (imports, settings that show on every page). */
export async function invalidateCatalog() {
  await deleteTags([CATALOG_TAG])
}
