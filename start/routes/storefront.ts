/*
|--------------------------------------------------------------------------
| Storefront routes
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import StorefrontNavMiddleware from '#middleware/storefront_nav_middleware'
import PageCacheMiddleware from '#middleware/page_cache_middleware'
import { searchThrottle } from '#start/limiter'

const ProductsController = () => import('#controllers/storefront/products_controller')
const SearchController = () => import('#controllers/storefront/search_controller')
const CollectionsController = () => import('#controllers/storefront/collections_controller')
const MediaController = () => import('#controllers/storefront/media_controller')
const SeoController = () => import('#controllers/storefront/seo_controller')

const storefrontNav = new StorefrontNavMiddleware()
const pageCache = new PageCacheMiddleware()

router
  .group(() => {
    router.get('/', [ProductsController, 'index']).as('storefront.home')
    router.get('/search', [SearchController, 'index']).as('storefront.search').use(searchThrottle)
    router.get('/collections/:handle', [CollectionsController, 'show']).as('storefront.collections.show')
    router.get('/products/:handle', [ProductsController, 'show']).as('storefront.products.show')
  })
  // The page cache answers before the header's query runs; these routes are public (no session).
  .use([(ctx, next) => pageCache.handle(ctx, next), (ctx, next) => storefrontNav.handle(ctx, next)])
router.get('/media/*', [MediaController, 'show']).as('storefront.media')

// Crawler files: public and page-cached, without the header's collections query.
router
  .group(() => {
    router.get('/sitemap.xml', [SeoController, 'sitemap']).as('storefront.sitemap')
    router.get('/robots.txt', [SeoController, 'robots']).as('storefront.robots')
  })
  .use((ctx, next) => pageCache.handle(ctx, next))
