/*
|--------------------------------------------------------------------------
| Storefront content: policy pages and the newsletter
|--------------------------------------------------------------------------
|
| Policy pages are public catalog-like pages: page-cached, no session (see
| PUBLIC_PAGE_ROUTES). The newsletter's sign-up is posted from the footer of
| cached pages, so it is exempt from the CSRF token and checked by origin
| (config/shield.ts); the unsubscribe page and the account's switch keep it.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { newsletterThrottle } from '#start/limiter'
import StorefrontNavMiddleware from '#middleware/storefront_nav_middleware'
import PageCacheMiddleware from '#middleware/page_cache_middleware'

const PoliciesController = () => import('#controllers/storefront/policies_controller')
const NewsletterController = () => import('#controllers/storefront/newsletter_controller')

const storefrontNav = new StorefrontNavMiddleware()
const pageCache = new PageCacheMiddleware()

router
  .get('/policies/:handle', [PoliciesController, 'show'])
  .where('handle', /^[a-z]{1,20}$/)
  .as('storefront.policies.show')
  .use([(ctx, next) => pageCache.handle(ctx, next), (ctx, next) => storefrontNav.handle(ctx, next)])

router
  .group(() => {
    router.get('/', [NewsletterController, 'show']).as('show')
    router.post('/', [NewsletterController, 'store']).as('store').use(newsletterThrottle)
    router.get('/unsubscribe/:token', [NewsletterController, 'confirmUnsubscribe']).as('unsubscribe')
    router.post('/unsubscribe/:token', [NewsletterController, 'unsubscribe']).as('unsubscribe.store').use(newsletterThrottle)
  })
  .prefix('/newsletter')
  .as('storefront.newsletter')

router
  .post('/account/newsletter', [NewsletterController, 'updateForAccount'])
  .as('storefront.account.newsletter.update')
  .use(middleware.customerAuth())
