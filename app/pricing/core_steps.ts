import type { PricingStep } from '#plugin_host/extension_points/pricing'
import { linePricesStep } from '#pricing/line_prices_step'
import { discountStep } from '#pricing/discount_step'
import { shippingStep } from '#pricing/shipping_step'
import { taxStep } from '#pricing/tax_step'

/**
 * Core's steps, in order (CORE_PRICING_STEP_NAMES). Each reads what the ones
 * before it wrote; plugin steps are placed between them by name.
 */
export const CORE_PRICING_STEPS: readonly PricingStep[] = [linePricesStep, discountStep, shippingStep, taxStep]
