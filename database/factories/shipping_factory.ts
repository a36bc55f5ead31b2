import factory from '@adonisjs/lucid/factories'
import ShippingZone from '#models/shipping_zone'
import ShippingMethod from '#models/shipping_method'
import { uniqueSuffix } from '#database/factories/unique'

export const ShippingMethodFactory = factory
  .define(ShippingMethod, () => ({
    name: `Standard ${uniqueSuffix()}`,
    kind: 'flat' as const,
    amount: 500,
    weightTiers: null,
    perKgAmount: null,
    freeOverAmount: null,
    description: '3–5 business days',
    position: 1,
    active: true,
  }))
  .build()

/**
 * A zone for test-only countries (ISO user-assigned codes XA–XZ, QM–QZ) so
 * tests sharing one database never claim a real country. Merge `countries`.
 */
export const ShippingZoneFactory = factory
  .define(ShippingZone, () => ({ name: `Zone ${uniqueSuffix()}`, countries: [testCountryCode()] }))
  .relation('methods', () => ShippingMethodFactory)
  .build()

const TEST_COUNTRY_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const used = new Set<string>()

/** A two-letter code from the user-assigned ranges, different on each call within a process. */
export function testCountryCode(): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = Math.random() < 0.5 ? 'X' : 'Q'
    const letters = first === 'Q' ? TEST_COUNTRY_LETTERS.slice(12) : TEST_COUNTRY_LETTERS
    const code = first + letters[Math.floor(Math.random() * letters.length)]
    if (!used.has(code)) {
      used.add(code)
      return code
    }
  }
  throw new Error('Out of test country codes')
}
