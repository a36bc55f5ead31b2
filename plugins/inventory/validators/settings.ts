import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { Infer } from '@vinejs/vine/types'

/** Checked by the plugin host at boot; a bad value stops boot naming this plugin. */
export const inventorySettingsValidator = operatorKeyed(vine.compile(
  vine.object({
    /**
     * Store-wide low-stock threshold for variants whose levels set none
     * (`inventory_levels.low_stock_threshold`). Unset: only variants with
     * their own threshold raise `StockLow`.
     */
    lowStockThreshold: vine.number().withoutDecimals().min(0).max(1_000_000).optional(),
  })
))

export type InventorySettings = Infer<typeof inventorySettingsValidator>
