import { test } from '@japa/runner'
import { combinations, commaList, handleFrom, optionKey, parseOptions, toMajor, toMinor, variantTitle } from '#catalog/variant_matrix'

test.group('Catalog | variant matrix helpers', () => {
  test('combinations vary the first option slowest; no options is one default variant', ({ assert }) => {
    const options = parseOptions([{ name: 'Size', values: 'S, M' }, { name: 'Color', values: 'Red,Blue, red' }, { name: '', values: 'x' }])
    assert.deepEqual(options, [{ name: 'Size', values: ['S', 'M'] }, { name: 'Color', values: ['Red', 'Blue'] }])
    assert.deepEqual(combinations(options), [
      ['S', 'Red', null], ['S', 'Blue', null], ['M', 'Red', null], ['M', 'Blue', null],
    ])
    assert.deepEqual(combinations([]), [[null, null, null]])
    assert.equal(variantTitle(['S', 'Red', null]), 'S / Red')
    assert.equal(variantTitle([null, null, null]), 'Default')
  })

  test('option keys ignore case and blanks; handles, lists and money convert', ({ assert }) => {
    assert.equal(optionKey(['S', null]), optionKey([' s', '', undefined]))
    assert.notEqual(optionKey(['S', 'Red']), optionKey(['S']))
    assert.equal(handleFrom('Linen Shirt (Blue) — 2024!'), 'linen-shirt-blue-2024')
    assert.deepEqual(commaList(' a, b,,B , c'), ['a', 'b', 'c'])
    assert.equal(toMinor(19.99), 1999)
    assert.equal(toMinor(0.1 + 0.2), 30)
    assert.equal(toMinor(1500, 'JPY'), 1500)
    assert.isUndefined(toMinor(undefined))
    assert.equal(toMajor(1999), '19.99')
    assert.equal(toMajor(null), '')
  })
})
