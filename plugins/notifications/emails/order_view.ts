import app from '@adonisjs/core/services/app'
import Order from '#models/order'
import { OrdersReadPort, type OrderFigure, type OrderSummaryLine } from '#plugin_host/extension_points/orders'
import { addressLines } from '#services/addresses'
import { formatMoney } from '#services/money'
import { emailUrl } from './render.js'

export interface OrderEmailLine {
  title: string
  variantTitle: string | null
  sku: string | null
  quantity: number
  unitPrice: string
  total: string
}

/**
 * What every order email shows, formatted once here so the HTML and text
 * parts cannot disagree. The money (lines, totals, refunds) is core's one
 * order presenter, read through OrdersReadPort, so an email shows the same
 * figures as the order page and the admin; addresses come as lines in
 * their country's format (#services/addresses); absolute links to the
 * order page and its payment page.
 */
export interface OrderEmailView {
  id: number
  number: number
  email: string
  currency: string
  lines: OrderEmailLine[]
  /** the rows under the lines (subtotal, discount, shipping, tax, total, refunds), labelled */
  figures: OrderFigure[]
  total: string
  /** the order's total and what has been refunded of it, as the presenter counts them (refunds that went through) */
  totalAmount: number
  refunded: { amount: number; text: string }
  shippingAddress: string[]
  billingAddress: string[]
  orderUrl: string
  payUrl: string
  money: (minor: number) => string
}

export async function loadOrderView(orderId: number): Promise<OrderEmailView | null> {
  const order = await Order.find(orderId)
  const summary = order ? await (await app.container.make(OrdersReadPort)).orderSummary(orderId) : null
  if (!order || !summary) return null
  const token = encodeURIComponent(order.publicToken)

  return {
    id: order.id,
    number: order.number,
    email: order.email,
    currency: order.currency,
    lines: summary.lines.map((line: OrderSummaryLine) => ({
      title: line.title,
      variantTitle: line.variantTitle && line.variantTitle !== 'Default' ? line.variantTitle : null,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice.text,
      total: line.total.text,
    })),
    figures: summary.figures,
    total: summary.total.text,
    totalAmount: summary.total.amount,
    refunded: summary.refunded,
    shippingAddress: addressLines(order.shippingAddress),
    billingAddress: addressLines(order.billingAddress),
    orderUrl: emailUrl(`/orders/${token}`),
    payUrl: emailUrl(`/orders/${token}/pay`),
    money: (minor: number) => formatMoney(minor, order.currency),
  }
}
