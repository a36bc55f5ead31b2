import db from '@adonisjs/lucid/services/db'
import { customerValueSql, readCustomerValue } from '#queries/customer_report_query'
import { addressLines } from '#services/addresses'

export const CUSTOMER_ORDERS_SHOWN = 50

function iso(value: unknown) {
  if (value === null || value === undefined) return null
  return value instanceof Date ? value.toISOString() : String(value)
}

/**
 * Admin › Customers › one customer: profile, figures (one grouped query),
 * the latest orders each with what was refunded (one query), addresses,
 * tags and notes with their author. A fixed number of queries, whatever the
 * number of orders. Null for an unknown customer.
 */
export async function customerDetail(customerId: number) {
  const customer = await db.from('customers').where('id', customerId).first()
  if (!customer) return null
  const stats = customerValueSql({ customerIds: [customerId] })
  const [statsRow, orders, addresses, tags, notes] = await Promise.all([
    db
      .from('customers')
      .where('customers.id', customerId)
      .joinRaw(`join (${stats.sql}) as stats on stats.customer_id = customers.id`, stats.bindings)
      .select('stats.*')
      .first(),
    db
      .from('orders')
      .where('customer_id', customerId)
      .select('id', 'number', 'status', 'payment_status', 'fulfillment_status', 'total', 'currency', 'placed_at')
      .select(db.raw(`(select coalesce(sum(r.amount), 0) from refunds r where r.order_id = orders.id and r.status = 'succeeded') as refunded`))
      .orderBy('id', 'desc')
      .limit(CUSTOMER_ORDERS_SHOWN),
    db.from('addresses').where('customer_id', customerId).orderBy('is_default_shipping', 'desc').orderBy('id'),
    db.from('customer_tags').where('customer_id', customerId).orderBy('tag').select('tag'),
    db
      .from('customer_notes')
      .leftJoin('staff_users', 'staff_users.id', 'customer_notes.staff_user_id')
      .where('customer_notes.customer_id', customerId)
      .select('customer_notes.id', 'customer_notes.body', 'customer_notes.created_at', 'staff_users.full_name as author')
      .orderBy('customer_notes.id', 'desc'),
  ])
  return {
    customer: {
      id: Number(customer.id),
      email: customer.email as string,
      name: [customer.first_name, customer.last_name].filter(Boolean).join(' '),
      phone: customer.phone as string | null,
      hasAccount: customer.hasAccount,
      acceptsMarketing: Boolean(Number(customer.accepts_marketing)),
      anonymized: Boolean(customer.anonymized_at),
      createdAt: iso(customer.created_at)!,
    },
    stats: readCustomerValue(statsRow),
    orders: orders.map((order) => ({
      id: Number(order.id),
      number: Number(order.number),
      status: order.status as string,
      paymentStatus: order.payment_status as string,
      fulfillmentStatus: order.fulfillment_status as string,
      total: Number(order.total),
      refunded: Number(order.refunded),
      currency: String(order.currency).trim(),
      placedAt: iso(order.placed_at),
    })),
    addresses: addresses.map((address) => ({
      id: Number(address.id),
      // in the country's format with the country's name, as order pages print it
      lines: addressLines({
        firstName: address.first_name,
        lastName: address.last_name,
        company: address.company,
        line1: address.line1,
        line2: address.line2,
        city: address.city,
        region: address.region,
        postalCode: address.postal_code,
        countryCode: address.country_code,
      }),
      defaultShipping: Boolean(Number(address.is_default_shipping)),
      defaultBilling: Boolean(Number(address.is_default_billing)),
    })),
    tags: tags.map((row) => row.tag as string),
    notes: notes.map((note) => ({ id: Number(note.id), body: note.body as string, author: note.author as string | null, createdAt: iso(note.created_at)! })),
  }
}
