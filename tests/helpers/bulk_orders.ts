import { randomBytes, randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'

/**
 * `count` paid, open, unshipped orders with one two-unit line each, written
 * with multi-row inserts (building 1,000 orders through checkout would
 * take minutes). Emails are `<tag>-<n>@example.com`, so a search for the
 * tag finds exactly these. Answers their ids, oldest first.
 */
export async function paidOrdersInBulk(count: number, tag = `bulk${randomBytes(4).toString('hex')}`) {
  const now = dbTimestamp()
  const firstNumber = randomInt(100_000_000, 1_900_000_000)
  const rows = Array.from({ length: count }, (_, index) => ({
    number: firstNumber + index,
    public_token: randomBytes(24).toString('base64url'),
    email: `${tag}-${index}@example.com`,
    currency: 'USD',
    status: 'open',
    payment_status: 'paid',
    fulfillment_status: 'unfulfilled',
    subtotal: 3000,
    total: 3000,
    shipping_address: JSON.stringify({ firstName: 'Bulk', lastName: `Buyer${index}`, line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' }),
    placed_at: now,
    created_at: now,
    updated_at: now,
  }))
  for (let start = 0; start < rows.length; start += 200) await db.table('orders').insert(rows.slice(start, start + 200))
  const ids = (await db.from('orders').whereLike('email', `${tag}-%`).orderBy('id').select('id')).map((row) => Number(row.id))
  const lines = ids.map((orderId) => ({
    order_id: orderId,
    sku: `SKU-${tag}`,
    title: 'Bulk tee',
    variant_title: 'M',
    quantity: 2,
    unit_price: 1500,
    total: 3000,
    created_at: now,
    updated_at: now,
  }))
  for (let start = 0; start < lines.length; start += 200) await db.table('order_lines').insert(lines.slice(start, start + 200))
  return { tag, ids }
}
