import db from '@adonisjs/lucid/services/db'
import type { PricingInput } from '#plugin_host/extension_points/pricing'

/** The order transaction when placing an order, the default connection otherwise. */
export function pricingClient(input: PricingInput) {
  return input.trx ?? db.connection()
}
