import Address from '#models/address'
import Order from '#models/order'
import type Customer from '#models/customer'

/**
 * Everything the shop keeps about a customer, as one JSON document they
 * can download (data portability): profile, address book and orders with
 * their lines. Only this customer's rows are read.
 */
export default class ExportCustomerData {
  async handle(customer: Customer) {
    const addresses = await Address.query().where('customer_id', customer.id).orderBy('id')
    const orders = await Order.query().where('customer_id', customer.id).preload('lines').orderBy('id', 'desc')
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
      orders: orders.map((order) => ({
        number: order.number,
        placedAt: (order.placedAt ?? order.createdAt)?.toISO() ?? null,
        status: order.status,
        paymentStatus: order.paymentStatus,
        fulfillmentStatus: order.fulfillmentStatus,
        currency: order.currency,
        subtotal: order.subtotal,
        discountTotal: order.discountTotal,
        shippingTotal: order.shippingTotal,
        taxTotal: order.taxTotal,
        total: order.total,
        email: order.email,
        shippingAddress: order.shippingAddress,
        billingAddress: order.billingAddress,
        lines: order.lines.map((line) => ({
          sku: line.sku,
          title: line.title,
          variantTitle: line.variantTitle,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          total: line.total,
        })),
      })),
    }
  }
}
