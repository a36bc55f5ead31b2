import { test } from '@japa/runner'
import { formatMoney, minorDigits } from '#services/money'

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
