/*
|--------------------------------------------------------------------------
| Back-office: discounts, shipping and tax
|--------------------------------------------------------------------------
|
| Signed-in staff with settings.manage (checked in each controller).
| Plain forms post with `?_method=PUT|DELETE`.
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'
import { middleware } from '#start/kernel'

const DiscountsController = () => import('#controllers/admin/discounts_controller')
const ShippingController = () => import('#controllers/admin/shipping_controller')
const TaxRatesController = () => import('#controllers/admin/tax_rates_controller')

const id = recordId

router
  .group(() => {
    router.get('discounts/new', [DiscountsController, 'create']).as('discounts.create')
    router.resource('discounts', DiscountsController).only(['index', 'store', 'edit', 'update', 'destroy']).where('id', id)

    router.get('tax-rates/new', [TaxRatesController, 'create']).as('tax_rates.create')
    router.resource('tax-rates', TaxRatesController).only(['index', 'store', 'edit', 'update', 'destroy']).where('id', id).as('tax_rates')

    router.get('shipping', [ShippingController, 'index']).as('shipping.index')
    router.get('shipping/zones/new', [ShippingController, 'createZone']).as('shipping.zones.create')
    router.post('shipping/zones', [ShippingController, 'storeZone']).as('shipping.zones.store')
    router.get('shipping/zones/:id/edit', [ShippingController, 'editZone']).where('id', id).as('shipping.zones.edit')
    router.put('shipping/zones/:id', [ShippingController, 'updateZone']).where('id', id).as('shipping.zones.update')
    router.delete('shipping/zones/:id', [ShippingController, 'destroyZone']).where('id', id).as('shipping.zones.destroy')
    router.get('shipping/zones/:zoneId/methods/new', [ShippingController, 'createMethod']).where('zoneId', id).as('shipping.methods.create')
    router.post('shipping/zones/:zoneId/methods', [ShippingController, 'storeMethod']).where('zoneId', id).as('shipping.methods.store')
    router
      .get('shipping/zones/:zoneId/methods/:id/edit', [ShippingController, 'editMethod'])
      .where('zoneId', id)
      .where('id', id)
      .as('shipping.methods.edit')
    router
      .put('shipping/zones/:zoneId/methods/:id', [ShippingController, 'updateMethod'])
      .where('zoneId', id)
      .where('id', id)
      .as('shipping.methods.update')
    router
      .delete('shipping/zones/:zoneId/methods/:id', [ShippingController, 'destroyMethod'])
      .where('zoneId', id)
      .where('id', id)
      .as('shipping.methods.destroy')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
