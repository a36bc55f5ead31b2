/**
 * The emails this plugin writes, named as staff know them: "Order
 * confirmation" instead of the template key `order_confirmation` that a
 * stored message records. The one home for these names: the admin's email
 * list, its filter and an email's page read them here.
 */
const TEMPLATE_LABELS: Record<string, string> = {
  order_confirmation: 'Order confirmation',
  order_shipped: 'Shipped notice',
  order_cancelled: 'Cancellation notice',
  order_refunded: 'Refund notice',
  payment_failed: 'Payment failed notice',
  low_stock: 'Low-stock alert',
  staff_signed_in: 'Staff sign-in alert',
}

/** A template key in words; a key not listed (a newer plugin's) reads as its words, never as the key. */
export function templateLabel(template: string | null | undefined): string {
  if (!template) return '—'
  if (TEMPLATE_LABELS[template]) return TEMPLATE_LABELS[template]
  const words = template.replace(/[_.-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
