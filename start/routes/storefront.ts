/*
|--------------------------------------------------------------------------
| Storefront routes
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'

const ProductsController = () => import('#controllers/storefront/products_controller')
const MediaController = () => import('#controllers/storefront/media_controller')

router.get('/', [ProductsController, 'index']).as('storefront.home')
router.get('/products/:handle', [ProductsController, 'show']).as('storefront.products.show')
router.get('/media/*', [MediaController, 'show']).as('storefront.media')
