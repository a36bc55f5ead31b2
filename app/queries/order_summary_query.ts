import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { formatMoney } from '#services/money'
import type { MoneyText, OrderFigure, OrderSummary, OrderSummaryLine } from '#plugin_host/extension_points/orders'

export type { MoneyText, OrderFigure, OrderSummary, OrderSummaryLine } from '#plugin_host/extension_points/orders'

/** The order fields the summary reads (an Order model fits). */
export interface SummaryOrder {
  id: number
  currency: string
  discountTotal: number
  shippingTotal: number
  taxTotal: number
  total: number
  discountCode: string | null
  shippingMethodName: string | null
  taxesIncluded: boolean
}

/** The line fields the summary reads (an OrderLine model fits). */
export interface SummaryLine {
  id: number
  title: string
  variantTitle: string | null
  sku: string | null
  quantity: number
  unitPrice: number
  discountAmount: number
}

/** Only refunds that went through count (as the refund rules do: `status = 'succeeded'`). */
export interface SummaryRefund {
  amount: number
  status: string
}

/**
 * The one presenter of order money: lines, subtotal, discount, shipping,
 * tax, total, refunds, with their text (rules in OrderSummary's TSDoc).
 * The storefront's order and payment pages, the account's orders, the
 * admin's order page, the order emails (through OrdersReadPort) and the
 * customer's data export all show these figures, so they cannot disagree.
 *
 * The subtotal is the sum of the line totals as presented, so the lines
 * always add up to it; the other figures are the ones the order was
 * charged with. (Orders store a line's `total` after its discount share and
 * with exclusive tax added: that is a ledger figure, never shown as the
 * line's total, because it made the lines disagree with the subtotal.)
 */
export function presentOrderSummary(order: SummaryOrder, lines: SummaryLine[], refunds: SummaryRefund[] = []): OrderSummary {
  const money = (amount: number): MoneyText => ({ amount, text: formatMoney(amount, order.currency) })
  const minus = (amount: number) => (amount > 0 ? `−${formatMoney(amount, order.currency)}` : formatMoney(0, order.currency))

  const presentedLines: OrderSummaryLine[] = lines.map((line) => ({
    id: Number(line.id),
    title: line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    quantity: Number(line.quantity),
    unitPrice: money(Number(line.unitPrice)),
    total: money(Number(line.unitPrice) * Number(line.quantity)),
    discount: money(Number(line.discountAmount ?? 0)),
  }))
  const subtotal = presentedLines.reduce((sum, line) => sum + line.total.amount, 0)
  const refunded = refunds.filter((refund) => refund.status === 'succeeded').reduce((sum, refund) => sum + Number(refund.amount), 0)
  const discount = Number(order.discountTotal)
  const net = Number(order.total) - refunded

  const figures: OrderFigure[] = [{ key: 'subtotal', label: 'Subtotal', amount: subtotal, text: formatMoney(subtotal, order.currency) }]
  if (discount > 0 || order.discountCode) {
    figures.push({ key: 'discount', label: order.discountCode ? `Discount (${order.discountCode})` : 'Discount', amount: discount, text: minus(discount) })
  }
  figures.push(
    {
      key: 'shipping',
      label: order.shippingMethodName ? `Shipping (${order.shippingMethodName})` : 'Shipping',
      amount: Number(order.shippingTotal),
      text: formatMoney(Number(order.shippingTotal), order.currency),
    },
    {
      key: 'tax',
      label: order.taxesIncluded ? 'Tax included' : 'Tax',
      amount: Number(order.taxTotal),
      text: formatMoney(Number(order.taxTotal), order.currency),
    },
    { key: 'total', label: 'Total', amount: Number(order.total), text: formatMoney(Number(order.total), order.currency) }
  )
  if (refunded > 0) {
    figures.push(
      { key: 'refunded', label: 'Refunded', amount: refunded, text: minus(refunded) },
      { key: 'net', label: 'Total after refunds', amount: net, text: formatMoney(net, order.currency) }
    )
  }

  return {
    orderId: Number(order.id),
    currency: order.currency,
    taxesIncluded: Boolean(order.taxesIncluded),
    discountCode: order.discountCode,
    shippingMethod: order.shippingMethodName,
    lines: presentedLines,
    subtotal: money(subtotal),
    discount: money(discount),
    shipping: money(Number(order.shippingTotal)),
    tax: money(Number(order.taxTotal)),
    total: money(Number(order.total)),
    refunded: money(refunded),
    net: money(net),
    figures,
  }
}

/** The summary of one order read from the database; null when there is no such order. */
export async function loadOrderSummary(orderId: number, client: QueryClientContract = db.connection()): Promise<OrderSummary | null> {
  const row = await client.from('orders').where('id', orderId).first()
  if (!row) return null
  const lines = await client.from('order_lines').where('order_id', orderId).orderBy('id')
  const refunds = await client.from('refunds').where('order_id', orderId).select('amount', 'status')
  return presentOrderSummary(
    {
      id: Number(row.id),
      currency: String(row.currency).trim(),
      discountTotal: Number(row.discount_total),
      shippingTotal: Number(row.shipping_total),
      taxTotal: Number(row.tax_total),
      total: Number(row.total),
      discountCode: row.discount_code ?? null,
      shippingMethodName: row.shipping_method_name ?? null,
      taxesIncluded: row.taxes_included === true || Number(row.taxes_included) === 1,
    },
    lines.map((line) => ({
      id: Number(line.id),
      title: line.title,
      variantTitle: line.variant_title,
      sku: line.sku,
      quantity: Number(line.quantity),
      unitPrice: Number(line.unit_price),
      discountAmount: Number(line.discount_amount ?? 0),
    })),
    refunds.map((refund) => ({ amount: Number(refund.amount), status: String(refund.status) }))
  )
}
