import { definePlugin } from '#plugin_host/define_plugin'

/**
 * Inventory plugin: stock per variant and location, an append-only ledger of
 * movements, and expiring reservations, all in the store's own database.
 *
 * Setup: list `inventory()` in `config/plugins.ts`. Its migrations run with
 * the core ones (`node ace migration:run` or `stockroom:setup`) and create a
 * default location, so stock can be adjusted right away.
 */
export default function inventory() {
  return definePlugin({
    name: 'inventory',
    version: '0.1.0',
    description: 'Stock levels, movements ledger and reservations in the store database',
    compatibility: '^0.1.0',
    migrations: new URL('./database/migrations/', import.meta.url),
    register(ctx) {
      ctx.inventory.use('database', async () => {
        const { DatabaseInventory } = await import('./drivers/database_inventory.js')
        return new DatabaseInventory()
      })
    },
  })
}
