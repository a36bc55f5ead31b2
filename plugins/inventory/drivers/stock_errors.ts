import type { StockAdjustment } from '#plugin_host/extension_points/inventory'

/** Raised when an adjustment would leave less stock on hand than is reserved (or below zero). */
export class StockBelowReservedError extends Error {
  code = 'E_STOCK_BELOW_RESERVED'
  constructor(readonly adjustment: StockAdjustment) {
    super(
      `Cannot change stock of variant ${adjustment.variantId} by ${adjustment.delta}: ` +
        'on-hand stock would fall below zero or below what is reserved'
    )
  }
}

/** Both databases name the CHECK on inventory_levels in the message when it refuses a row. */
export function isReservedCheckViolation(error: unknown) {
  return String((error as Error)?.message).includes('inventory_levels_reserved_check')
}
