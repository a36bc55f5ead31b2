import { test } from '@japa/runner'
import storeConfig from '#config/store'
import { formatMoney, majorUnitsText, minorDigits, storeCurrency, toMajorUnits, toMinorUnits } from '#services/money'

test.group('Money | formatting minor units', () => {
  test('uses the currency’s own number of minor digits', ({ assert }) => {
    assert.equal(formatMoney(1999, 'USD'), '$19.99')
    assert.equal(formatMoney(1999, 'jpy'), '¥1,999')
    assert.equal(formatMoney(1234, 'KWD').replace(/\s/g, ' '), 'KWD 1.234')
    assert.equal(minorDigits('EUR'), 2)
  })

  test('formats for the given locale', ({ assert }) => {
    assert.equal(formatMoney(123456, 'EUR', 'de-DE').replace(/\s/g, ' '), '1.234,56 €')
    assert.equal(formatMoney(0, 'GBP', 'en-GB'), '£0.00')
  })
})

test.group('Money | minor units and the store currency', () => {
  test('converts between major and minor units with the currency’s digits', ({ assert }) => {
    assert.equal(toMinorUnits(19.99, 'USD'), 1999)
    assert.equal(toMinorUnits(20, 'JPY'), 20)
    assert.equal(toMinorUnits(1.2345, 'KWD'), 1235)
    assert.equal(toMajorUnits(1999, 'EUR'), 19.99)
    assert.equal(majorUnitsText(1999, 'USD'), '19.99')
    assert.equal(majorUnitsText(500, 'JPY'), '500')
    assert.equal(majorUnitsText(1234, 'KWD'), '1.234')
  })

  test('the store currency comes from config (STORE_CURRENCY) and is every default', ({ assert }) => {
    assert.equal(storeCurrency, storeConfig.currency)
    assert.match(storeCurrency, /^[A-Z]{3}$/)
    assert.equal(formatMoney(1999), formatMoney(1999, storeCurrency))
    assert.equal(toMinorUnits(5), toMinorUnits(5, storeCurrency))
    assert.equal(minorDigits(), minorDigits(storeCurrency))
  })
})
