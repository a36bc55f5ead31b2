import Address from '#models/address'
import Order from '#models/order'
import type Customer from '#models/customer'
import { presentOrderSummary } from '#queries/order_summary_query'

/**
 * Everything the shop keeps about a customer, as one JSON document they
 * can download (data portability): profile, address book and orders with
 * their lines. Only this customer's rows are read.
 */
export default class ExportCustomerData {
  async handle(customer: Customer) {
    const addresses = await Address.query().where('customer_id', customer.id).orderBy('id')
    const orders = await Order.query().where('customer_id', customer.id).preload('lines').preload('refunds').orderBy('id', 'desc')
    return {
      exportedAt: new Date().toISOString(),
      profile: {
        email: customer.email,
        firstName: customer.firstName,
        lastName: customer.lastName,
        phone: customer.phone,
        acceptsMarketing: customer.acceptsMarketing,
        emailVerifiedAt: customer.emailVerifiedAt?.toISO() ?? null,
        createdAt: customer.createdAt?.toISO() ?? null,
      },
      addresses: addresses.map((address) => ({
        ...address.toOrderAddress(),
        isDefaultShipping: address.isDefaultShipping,
        isDefaultBilling: address.isDefaultBilling,
      })),
      // the same figures as the order page and the emails (one presenter): a line's total is unit price × quantity
      orders: orders.map((order) => {
        const summary = presentOrderSummary(order, order.lines, order.refunds)
        return {
          number: order.number,
          placedAt: (order.placedAt ?? order.createdAt)?.toISO() ?? null,
          status: order.status,
          paymentStatus: order.paymentStatus,
          fulfillmentStatus: order.fulfillmentStatus,
          currency: order.currency,
          subtotal: summary.subtotal.amount,
          discountTotal: summary.discount.amount,
          shippingTotal: summary.shipping.amount,
          taxTotal: summary.tax.amount,
          taxesIncluded: summary.taxesIncluded,
          total: summary.total.amount,
          refunded: summary.refunded.amount,
          email: order.email,
          shippingAddress: order.shippingAddress,
          billingAddress: order.billingAddress,
          lines: summary.lines.map((line) => ({
            sku: line.sku,
            title: line.title,
            variantTitle: line.variantTitle,
            quantity: line.quantity,
            unitPrice: line.unitPrice.amount,
            total: line.total.amount,
            discount: line.discount.amount,
          })),
        }
      }),
    }
  }
}
