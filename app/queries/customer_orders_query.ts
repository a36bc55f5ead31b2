import Order from '#models/order'
import type Customer from '#models/customer'

/** The customer's own orders, newest first (never anyone else's: scoped by customer_id). */
export function customerOrdersQuery(customer: Customer) {
  return Order.query().where('customer_id', customer.id).orderBy('created_at', 'desc').orderBy('id', 'desc')
}

/** The latest few, for the account page. */
export async function recentOrders(customer: Customer, limit: number) {
  return customerOrdersQuery(customer).limit(limit)
}
