import { recordId } from '#services/route_params'
import { definePlugin } from '#plugin_host/define_plugin'
import { inventorySettingsValidator, type InventorySettings } from './validators/settings.js'

export interface InventoryOptions {
  /** store-wide low-stock threshold for variants without their own; unset: no default */
  lowStockThreshold?: number
}

/**
 * Inventory plugin: stock per variant and location, an append-only ledger of
 * movements, reservations for orders (reserve, commit, release), backorders
 * for `continue`-policy variants and `StockLow` alerts, all in the store's
 * own database. The contract is in docs/inventory.md.
 *
 * Setup: list `inventory()` in `config/plugins.ts`, optionally with a
 * store-wide low-stock threshold: `inventory({ lowStockThreshold: 5 })`.
 * Its migrations run with the core ones (`node ace migration:run` or
 * `stockroom:setup`) and create a default location, so stock can be
 * adjusted right away.
 */
export default function inventory(options: InventoryOptions = {}) {
  return definePlugin<InventorySettings>({
    name: 'inventory',
    version: '0.1.0',
    description: 'Stock levels, movements ledger and reservations in the store database',
    compatibility: '^0.1.0',
    settings: { values: options, validator: inventorySettingsValidator },
    migrations: new URL('./database/migrations/', import.meta.url),
    views: new URL('./views/', import.meta.url),
    register(ctx) {
      ctx.inventory.use('database', async () => {
        const { DatabaseInventory } = await import('./drivers/database_inventory.js')
        return new DatabaseInventory({ lowStockThreshold: ctx.settings.lowStockThreshold })
      })
    },

    async boot(ctx) {
      const { middleware } = await import('#start/kernel')
      const { area, protectAdminRoutes } = await import('#policies/admin_routes')
      const { default: InventoryPolicy } = await import('#policies/inventory_policy')
      // Every /admin/inventory route: reading needs inventory.read, changing needs inventory.write.
      protectAdminRoutes('admin.inventory', area(InventoryPolicy, 'read', 'write'))
      const LowStockController = () => import('./controllers/low_stock_controller.js')
      const StockLevelsController = () => import('./controllers/stock_levels_controller.js')
      const VariantStockController = () => import('./controllers/variant_stock_controller.js')
      const StockLocationsController = () => import('./controllers/stock_locations_controller.js')
      const staffOnly = [middleware.staffAuth(), middleware.adminShell()]
      const id = recordId
      ctx.router
        .get('/admin/inventory/low-stock', [LowStockController, 'index'])
        .as('admin.inventory.low_stock')
        .use(staffOnly)
      // each controller checks inventory.read or inventory.write itself
      ctx.router.get('/admin/inventory', [StockLevelsController, 'index']).as('admin.inventory.index').use(staffOnly)
      ctx.router.get('/admin/inventory/export.csv', [StockLevelsController, 'export']).as('admin.inventory.export').use(staffOnly)
      ctx.router
        .get('/admin/inventory/variants/:id', [VariantStockController, 'show'])
        .where('id', id)
        .as('admin.inventory.variant')
        .use(staffOnly)
      ctx.router
        .post('/admin/inventory/variants/:id/adjustments', [VariantStockController, 'adjust'])
        .where('id', id)
        .as('admin.inventory.adjust')
        .use(staffOnly)
      ctx.router
        .post('/admin/inventory/variants/:id/transfers', [VariantStockController, 'transfer'])
        .where('id', id)
        .as('admin.inventory.transfer')
        .use(staffOnly)
      ctx.router.get('/admin/inventory/locations', [StockLocationsController, 'index']).as('admin.inventory.locations').use(staffOnly)
      ctx.router
        .post('/admin/inventory/locations', [StockLocationsController, 'store'])
        .as('admin.inventory.locations.store')
        .use(staffOnly)
      ctx.router
        .post('/admin/inventory/locations/:id', [StockLocationsController, 'update'])
        .where('id', id)
        .as('admin.inventory.locations.update')
        .use(staffOnly)
      ctx.router
        .post('/admin/inventory/locations/:id/active', [StockLocationsController, 'setActive'])
        .where('id', id)
        .as('admin.inventory.locations.active')
        .use(staffOnly)

      ctx.admin.nav({
        id: 'inventory.levels',
        label: 'Inventory',
        href: '/admin/inventory',
        order: 29,
        section: 'main',
        permission: 'inventory.read',
      })
      ctx.admin.nav({
        id: 'inventory.low_stock',
        label: 'Low stock',
        href: '/admin/inventory/low-stock',
        order: 30,
        section: 'main',
        permission: 'inventory.read',
        badge: async () => (await import('./queries/low_stock_query.js')).lowStockCount(),
      })
    },
  })
}
