import { test } from '@japa/runner'
import { COUNTRIES, COUNTRY_CODES, countryName, countryWithCode } from '#services/countries'
import { COUNTRIES as CHECKOUT_COUNTRIES } from '#validators/checkout'

test.group('Countries | one list of current ISO 3166-1 codes', () => {
  test('each country once, under its current code: no withdrawn or reserved codes beside the real ones', ({ assert }) => {
    const names = COUNTRIES.map((country) => country.name)
    assert.lengthOf(names.filter((name) => name === 'Germany'), 1)
    assert.lengthOf(names.filter((name) => name === 'United Kingdom'), 1)
    assert.equal(new Set(names).size, names.length, 'no name twice')
    for (const code of ['DE', 'GB', 'US', 'FR', 'JP', 'BR']) assert.isTrue(COUNTRY_CODES.has(code), code)
    // East Germany, the UK alias, Yugoslavia, the EU, reserved and unknown regions
    for (const code of ['DD', 'UK', 'YU', 'EU', 'UN', 'ZZ', 'QO']) assert.isFalse(COUNTRY_CODES.has(code), code)
    assert.isAbove(COUNTRIES.length, 240)
    assert.isBelow(COUNTRIES.length, 260)
  })

  test('sorted by name for the select, and the checkout pages use the same list', ({ assert }) => {
    const names = COUNTRIES.map((country) => country.name)
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)))
    assert.strictEqual(CHECKOUT_COUNTRIES, COUNTRIES)
    assert.equal(countryName('DE'), 'Germany')
    assert.equal(countryName('DD'), 'DD')
  })

  test('for staff, the name with its code: "Germany (DE)"', ({ assert }) => {
    assert.equal(countryWithCode('DE'), 'Germany (DE)')
    assert.equal(countryWithCode('GB'), 'United Kingdom (GB)')
    assert.equal(countryWithCode('ZZ'), 'ZZ', 'a code that is no country stays as it is')
  })
})
