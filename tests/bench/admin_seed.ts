import type pg from 'pg'

/**
 * 200k-order back-office data written by PostgreSQL itself (generate_series),
 * in seconds instead of the hours placing orders would take. The mix looks
 * like a live store: most orders completed, a working set open and waiting
 * for fulfillment, some pending, cancelled and discounted; one to three
 * lines each, a payment for every paid order, a shipment for every shipped
 * one, two timeline events each. Orders are spread over the last year,
 * oldest first, so ids grow with placement time like real ones.
 */
export async function seedAdminOrders(client: pg.Client, count: number) {
  const existing = Number((await client.query('SELECT count(*) AS n FROM orders')).rows[0].n)
  if (existing >= count) {
    await vacuum(client)
    return { seeded: 0, existing }
  }
  const todo = count - existing
  await client.query('BEGIN')
  await client.query(
    `INSERT INTO orders (number, public_token, email, currency, status, payment_status, fulfillment_status,
       subtotal, discount_total, shipping_total, tax_total, total, discount_code, shipping_address, placed_at, created_at, updated_at)
     SELECT 5000000 + $2::int + g, md5('bench-order-' || ($2::int + g)), 'buyer' || (g % 40000) || '@example.com', 'USD',
       CASE WHEN g % 100 < 70 THEN 'completed' WHEN g % 100 < 90 THEN 'open' WHEN g % 100 < 95 THEN 'pending' ELSE 'cancelled' END,
       CASE WHEN g % 100 < 90 THEN 'paid' WHEN g % 100 < 95 THEN 'pending' ELSE 'voided' END,
       CASE WHEN g % 100 < 70 THEN 'fulfilled' WHEN g % 100 < 75 THEN 'partially_fulfilled' ELSE 'unfulfilled' END,
       1000 + (g * 7919) % 40000, CASE WHEN g % 10 = 0 THEN 500 ELSE 0 END, 495, 0,
       1495 + (g * 7919) % 40000 - CASE WHEN g % 10 = 0 THEN 500 ELSE 0 END,
       CASE WHEN g % 10 = 0 THEN 'SAVE' || (g % 7) ELSE NULL END,
       json_build_object('firstName', (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Margaret','Ken'])[1 + g % 8],
         'lastName', 'Buyer' || (g % 40000), 'line1', g || ' Main St', 'city', 'Springfield', 'postalCode', '12345', 'countryCode', 'US'),
       now() - (($1::int - g) * interval '157 seconds'), now() - (($1::int - g) * interval '157 seconds'), now()
     FROM generate_series(1, $1::int) AS g`,
    [todo, existing]
  )
  await client.query(
    `INSERT INTO order_lines (order_id, sku, title, variant_title, quantity, unit_price, total, fulfilled_quantity, created_at, updated_at)
     SELECT o.id, 'BENCH-' || (o.id % 5000) || '-' || l, 'Bench product ' || (o.id % 5000), 'Default', 1 + l % 2, 1000, 1000 * (1 + l % 2),
       CASE WHEN o.fulfillment_status = 'fulfilled' THEN 1 + l % 2 WHEN o.fulfillment_status = 'partially_fulfilled' AND l = 1 THEN 1 + l % 2 ELSE 0 END,
       o.created_at, o.created_at
     FROM orders o CROSS JOIN LATERAL generate_series(1, 1 + o.id % 3) AS l
     WHERE o.id > (SELECT coalesce(max(order_id), 0) FROM order_lines)`
  )
  await client.query(
    `INSERT INTO payments (order_id, provider, amount, currency, status, created_at, updated_at)
     SELECT id, 'manual', total, currency, 'paid', created_at, created_at FROM orders
     WHERE payment_status = 'paid' AND id > (SELECT coalesce(max(order_id), 0) FROM payments)`
  )
  await client.query(
    `INSERT INTO fulfillments (order_id, status, carrier, tracking_number, shipped_at, created_at, updated_at)
     SELECT id, 'shipped', 'UPS', '1Z' || id, created_at + interval '1 day', created_at + interval '1 day', created_at + interval '1 day'
     FROM orders WHERE fulfillment_status IN ('fulfilled', 'partially_fulfilled') AND id > (SELECT coalesce(max(order_id), 0) FROM fulfillments)`
  )
  await client.query(
    `INSERT INTO order_events (order_id, type, from_status, to_status, actor, created_at)
     SELECT o.id, e.type, e.from_status, e.to_status, 'system', o.created_at + e.after
     FROM orders o CROSS JOIN (VALUES ('placed', NULL, 'pending', interval '0'), ('paid', 'pending', 'paid', interval '1 minute')) AS e(type, from_status, to_status, after)
     WHERE o.id > (SELECT coalesce(max(order_id), 0) FROM order_events)`
  )
  await client.query('COMMIT')
  await vacuum(client)
  return { seeded: todo, existing }
}

/**
 * A store that has been running is vacuumed and analysed by autovacuum; a
 * freshly bulk-loaded one is not yet, and would be measured with stale
 * statistics and no visibility map (no index-only scans).
 */
async function vacuum(client: pg.Client) {
  for (const table of ['orders', 'order_lines', 'payments', 'fulfillments', 'order_events', 'products', 'variants', 'product_tags']) {
    await client.query(`VACUUM ANALYZE ${table}`)
  }
}
