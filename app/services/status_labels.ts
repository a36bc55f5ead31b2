/**
 * Status words as staff read them: "Partially refunded" in a badge instead
 * of `partially_refunded`, with the badge's tone. The one home for how a
 * stored status value (orders, payments, fulfilments, products, refunds,
 * jobs, event deliveries, emails) is shown; templates call `statusLabel`
 * and `statusTone` (Edge globals), controllers' flash messages import them.
 * The values themselves stay where they are defined (order_rules.ts, the
 * models); a value missing here still reads as words ("Some state").
 * Other stored choices (stock reasons, rate types…) go through `choiceLabel`.
 */
export type StatusTone = 'neutral' | 'success' | 'danger' | 'warning' | 'info'

/** Values whose words are not just the value capitalised. */
const LABELS: Record<string, string> = {
  open: 'Open',
  partially_refunded: 'Partially refunded',
  partially_fulfilled: 'Partially fulfilled',
  stored: 'Stored, not sent',
  sending: 'Sending',
  sent: 'Sent',
  succeeded: 'Succeeded',
  running: 'Running',
}

const TONES: Record<string, StatusTone> = {
  paid: 'success',
  completed: 'success',
  delivered: 'success',
  fulfilled: 'success',
  active: 'success',
  sent: 'success',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'danger',
  archived: 'danger',
  voided: 'danger',
  refunded: 'warning',
  partially_refunded: 'warning',
  partially_fulfilled: 'info',
  pending: 'neutral',
}

/** A status value in words: "partially_refunded" → "Partially refunded". */
export function statusLabel(value: string | null | undefined): string {
  if (!value) return '—'
  if (LABELS[value]) return LABELS[value]
  const words = value.replace(/[_.-]+/g, ' ').trim().toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Words for the other stored choices staff pick from or read back, one list
 * per kind of choice because the same word means different things ("manual"
 * is a payment method and a collection's order).
 */
const CHOICES = {
  stockReason: {
    received: 'Received',
    damaged: 'Damaged or lost',
    count: 'Stock count',
    correction: 'Correction',
    import: 'Imported',
    seed: 'Demo data',
    transfer: 'Transfer',
    sale: 'Sold',
    return: 'Returned',
  },
  collectionSort: {
    'manual': 'Manually',
    'title-asc': 'Title, A–Z',
    'title-desc': 'Title, Z–A',
    'price-asc': 'Price, low to high',
    'price-desc': 'Price, high to low',
    'created-desc': 'Newest first',
  },
  collectionKind: { manual: 'Manual', smart: 'Smart (conditions)' },
  discountKind: { percentage: 'Percentage', fixed_amount: 'Fixed amount', free_shipping: 'Free shipping' },
  shippingRate: { flat: 'Flat rate', weight: 'By weight', free_over: 'Flat rate, free over an order amount' },
  paymentProvider: { manual: 'Manual payment', stripe: 'Stripe' },
} satisfies Record<string, Record<string, string>>

export type ChoiceKind = keyof typeof CHOICES

/** A stored choice in words: choiceLabel('stockReason', 'count') → "Stock count"; unknown values read as words too. */
export function choiceLabel(kind: ChoiceKind, value: string | null | undefined): string {
  const words: Record<string, string> = CHOICES[kind]
  return (value && words[value]) || statusLabel(value)
}

/** The badge tone for a status value (the ui.badge component's `tone`). */
export function statusTone(value: string | null | undefined): StatusTone {
  return (value && TONES[value]) || 'neutral'
}

/**
 * An order's payment and shipping state as a shopper reads it (order, payment and account
 * pages): staff's words where they mean the same ("Partially refunded", "Paid"), a shopper's
 * where staff's would puzzle ("Awaiting payment" for pending, "Not shipped yet" for unfulfilled).
 * Badge tones stay statusTone's, so a state has one colour in the shop and the back office.
 */
const SHOPPER_LABELS = {
  payment: { pending: 'Awaiting payment', voided: 'Cancelled' },
  shipping: { unfulfilled: 'Not shipped yet', partially_fulfilled: 'Partially shipped', fulfilled: 'Shipped' },
} satisfies Record<string, Record<string, string>>

/** shopperStatusLabel('shipping', 'partially_fulfilled') → "Partially shipped"; anything else as statusLabel says it. */
export function shopperStatusLabel(kind: keyof typeof SHOPPER_LABELS, value: string | null | undefined): string {
  const words: Record<string, string> = SHOPPER_LABELS[kind]
  return (value && words[value]) || statusLabel(value)
}
