import { test } from '@japa/runner'
import { skuLabel } from '#catalog/variant_picker'

test.group('Catalog | SKU line on the product page', () => {
  test('says "SKU:" once, and nothing without a code', ({ assert }) => {
    assert.equal(skuLabel('TEE-RED-S'), 'SKU: TEE-RED-S')
    assert.equal(skuLabel('SKU-1O75EE6D'), 'SKU-1O75EE6D')
    assert.equal(skuLabel('sku 42'), 'sku 42')
    assert.equal(skuLabel('SKUNK-1'), 'SKU: SKUNK-1')
    assert.isNull(skuLabel(null))
    assert.isNull(skuLabel('  '))
  })
})
