import { test } from '@japa/runner'
import { allocateProportionally, basisPointsOf, divideRounded, taxOn } from '#pricing/arithmetic'
import { shippingPrice, zoneFor } from '#pricing/shipping_rates'

test.group('Pricing | arithmetic', () => {
  test('divides rounding half up', ({ assert }) => {
    assert.equal(divideRounded(5, 2), 3)
    assert.equal(divideRounded(4, 3), 1)
    assert.equal(divideRounded(5, 3), 2)
    assert.equal(divideRounded(0, 7), 0)
    // beyond 2^53 in the intermediate product
    assert.equal(divideRounded(9_007_199_254_740_993n * 3n, 3), 9_007_199_254_740_993)
  })

  test('percentages of amounts in basis points', ({ assert }) => {
    assert.equal(basisPointsOf(1999, 1500), 300) // 299.85
    assert.equal(basisPointsOf(1000, 1250), 125)
    assert.equal(basisPointsOf(1, 5000), 1) // 0.5 rounds up
    assert.equal(basisPointsOf(3333, 10_000), 3333)
  })

  test('tax added on top or extracted from an inclusive price', ({ assert }) => {
    assert.equal(taxOn(1000, 2000, false), 200)
    assert.equal(taxOn(1200, 2000, true), 200)
    assert.equal(taxOn(1999, 2000, true), 333) // 333.17
    assert.equal(taxOn(999, 725, false), 72) // 72.4275
    assert.equal(taxOn(1000, 1900, true), 160) // 159.66
  })

  test('proportional shares always add up to the total', ({ assert }) => {
    assert.deepEqual(allocateProportionally(100, [1, 1, 1]), [34, 33, 33])
    assert.deepEqual(allocateProportionally(10, [333, 333, 334]), [3, 3, 4])
    assert.deepEqual(allocateProportionally(1, [500, 500]), [1, 0])
    assert.deepEqual(allocateProportionally(7, [0, 0]), [0, 0])
    assert.deepEqual(allocateProportionally(300, [1999, 0, 1]), [300, 0, 0])
    for (let trial = 0; trial < 200; trial++) {
      const weights = Array.from({ length: 1 + (trial % 7) }, (_, i) => ((trial * 7919 + i * 104729) % 5000) + 1)
      const total = (trial * 37) % 3000
      const shares = allocateProportionally(total, weights)
      assert.equal(shares.reduce((a, b) => a + b, 0), total)
      const sum = weights.reduce((a, b) => a + b, 0)
      shares.forEach((share, i) => assert.isAtMost(Math.abs(share - (total * weights[i]) / sum), 1))
    }
  })
})

test.group('Pricing | shipping rates', () => {
  const base = { kind: 'flat' as const, amount: 500, weightTiers: null, perKgAmount: null, freeOverAmount: null }

  test('flat, free above a threshold, weight tiers and per-kg', ({ assert }) => {
    assert.equal(shippingPrice(base, { weightGrams: 10_000, merchandise: 100 }), 500)
    const freeOver = { ...base, kind: 'free_over' as const, freeOverAmount: 5000 }
    assert.equal(shippingPrice(freeOver, { weightGrams: 0, merchandise: 4999 }), 500)
    assert.equal(shippingPrice(freeOver, { weightGrams: 0, merchandise: 5000 }), 0)
    const tiers = { ...base, kind: 'weight' as const, weightTiers: [{ upToGrams: 2000, amount: 900 }, { upToGrams: 500, amount: 400 }] }
    assert.equal(shippingPrice(tiers, { weightGrams: 500, merchandise: 0 }), 400)
    assert.equal(shippingPrice(tiers, { weightGrams: 501, merchandise: 0 }), 900)
    assert.isNull(shippingPrice(tiers, { weightGrams: 2001, merchandise: 0 }))
    const perKg = { ...base, kind: 'weight' as const, amount: 300, perKgAmount: 150 }
    assert.equal(shippingPrice(perKg, { weightGrams: 1001, merchandise: 0 }), 600)
    assert.equal(shippingPrice(perKg, { weightGrams: 0, merchandise: 0 }), 300)
  })

  test('a listed country beats the everywhere zone', ({ assert }) => {
    const zones = [{ id: 1, countries: ['*'] }, { id: 2, countries: ['DE', 'FR'] }]
    assert.equal(zoneFor(zones, 'de')?.id, 2)
    assert.equal(zoneFor(zones, 'US')?.id, 1)
    assert.isNull(zoneFor([{ id: 3, countries: ['GB'] }], 'US'))
  })
})
