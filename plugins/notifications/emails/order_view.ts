import Order, { type OrderAddress } from '#models/order'
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
 * parts cannot disagree: money formatted in the order's currency, addresses
 * as lines, absolute links to the order page and its payment page.
 */
export interface OrderEmailView {
  id: number
  number: number
  email: string
  currency: string
  lines: OrderEmailLine[]
  subtotal: string
  discount: string | null
  discountCode: string | null
  shipping: string
  shippingMethod: string | null
  tax: string
  taxesIncluded: boolean
  total: string
  shippingAddress: string[]
  billingAddress: string[]
  orderUrl: string
  payUrl: string
  money: (minor: number) => string
}

/** The order as its emails show it, or null when it no longer exists. */
export async function loadOrderView(orderId: number): Promise<OrderEmailView | null> {
  const order = await Order.query().where('id', orderId).preload('lines').first()
  if (!order) return null
  const money = (minor: number) => formatMoney(minor, order.currency)
  const token = encodeURIComponent(order.publicToken)
  // columns added by checkout; read defensively so the email does not depend on them
  const extra = order as Order & { discountCode?: string | null; shippingMethodName?: string | null; taxesIncluded?: boolean }

  return {
    id: order.id,
    number: order.number,
    email: order.email,
    currency: order.currency,
    lines: order.lines.map((line) => ({
      title: line.title,
      variantTitle: line.variantTitle && line.variantTitle !== 'Default' ? line.variantTitle : null,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      total: money(line.total),
    })),
    subtotal: money(order.subtotal),
    discount: order.discountTotal > 0 ? money(-order.discountTotal) : null,
    discountCode: extra.discountCode ?? null,
    shipping: order.shippingTotal > 0 ? money(order.shippingTotal) : 'Free',
    shippingMethod: extra.shippingMethodName ?? null,
    tax: money(order.taxTotal),
    taxesIncluded: Boolean(extra.taxesIncluded),
    total: money(order.total),
    shippingAddress: addressLines(order.shippingAddress),
    billingAddress: addressLines(order.billingAddress),
    orderUrl: emailUrl(`/orders/${token}`),
    payUrl: emailUrl(`/orders/${token}/pay`),
    money,
  }
}

/** An address as the lines of an envelope; empty when there is none. */
export function addressLines(address: OrderAddress | null | undefined): string[] {
  if (!address) return []
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ')
  const cityLine = [address.postalCode, address.city, address.region].filter(Boolean).join(' ')
  return [name, address.company, address.line1, address.line2, cityLine, address.countryCode, address.phone]
    .map((part) => (part ?? '').trim())
    .filter((part) => part.length > 0)
}
