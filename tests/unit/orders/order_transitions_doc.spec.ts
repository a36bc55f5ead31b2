import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { transitionTableMarkdown } from '#models/order_transitions'

test.group('Orders | transition table in the docs', () => {
  test('docs/checkout-and-orders.md shows exactly ORDER_TRANSITIONS', ({ assert }) => {
    const doc = readFileSync(app.makePath('docs/checkout-and-orders.md'), 'utf8')
    assert.include(doc, transitionTableMarkdown(), 'regenerate the table with transitionTableMarkdown()')
  })
})
