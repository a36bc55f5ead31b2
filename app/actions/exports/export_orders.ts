import { performance } from 'node:perf_hooks'
import type { DateTime } from 'luxon'
import Order from '#models/order'
import type OrderLine from '#models/order_line'
import { majorUnitsText } from '#services/money'
import { dbTimestamp } from '#services/db_time'
import { recordWriter } from '#import_export/exporters/record_writer'
import { presentOrderSummary } from '#queries/order_summary_query'
import type { ExportRecordsOptions, ExportRecordsResult } from '#actions/inventory/export_inventory'

export const ORDER_EXPORT_COLUMNS = [
  'order_number',
  'created_at',
  'email',
  'status',
  'payment_status',
  'fulfillment_status',
  'currency',
  'subtotal',
  'discount_total',
  'shipping_total',
  'tax_total',
  'total',
  'line_sku',
  'line_title',
  'line_variant_title',
  'line_quantity',
  'line_unit_price',
  'line_total',
  'line_discount',
  'line_tax',
]

/**
 * Writes orders, one row per order line (the order's fields repeated on
 * each, as Shopify's order export does), streamed by keyset pages of
 * orders with their lines. A line's total is the order presenter's (unit
 * price × quantity, so the lines add up to the subtotal, as on the order
 * page), with its share of the discount and its tax beside it. Amounts are decimals in the order's currency;
 * `since` keeps orders created since then. An order without lines still
 * gets one row.
 */
export default class ExportOrders {
  async handle(options: ExportRecordsOptions): Promise<ExportRecordsResult & { orders: number }> {
    const started = performance.now()
    const since = options.since ? dbTimestamp(undefined, options.since.toLocal() as DateTime<true>) : null
    const scope = () => Order.query().if(since, (query) => query.where('created_at', '>=', since!))
    const total = Number((await scope().count('* as total').first())?.$extras.total ?? 0)
    const writer = recordWriter(options.output, options.format ?? 'csv', ORDER_EXPORT_COLUMNS)
    let rows = 0
    let orders = 0
    let afterId = 0
    for (;;) {
      const page = await scope()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(options.pageSize ?? 200)
        .preload('lines')
      if (!page.length) break
      afterId = page.at(-1)!.id

      for (const order of page) {
        const money = (minor: number) => majorUnitsText(minor, order.currency)
        const head = {
          order_number: order.number,
          created_at: order.createdAt.toUTC().toISO(),
          email: order.email,
          status: order.status,
          payment_status: order.paymentStatus,
          fulfillment_status: order.fulfillmentStatus,
          currency: order.currency,
          subtotal: money(order.subtotal),
          discount_total: money(order.discountTotal),
          shipping_total: money(order.shippingTotal),
          tax_total: money(order.taxTotal),
          total: money(order.total),
        }
        const presented = new Map(presentOrderSummary(order, order.lines).lines.map((line) => [line.id, line]))
        const lines: Array<OrderLine | null> = order.lines.length ? order.lines : [null]
        for (const line of lines) {
          await writer.write({
            ...head,
            line_sku: line?.sku ?? null,
            line_title: line?.title ?? null,
            line_variant_title: line?.variantTitle ?? null,
            line_quantity: line?.quantity ?? null,
            line_unit_price: line ? money(line.unitPrice) : null,
            line_total: line ? money(presented.get(line.id)!.total.amount) : null,
            line_discount: line ? money(line.discountAmount) : null,
            line_tax: line ? money(line.taxAmount) : null,
          })
          rows++
        }
        orders++
      }
      options.onProgress?.({ rows: orders, bytes: orders, totalBytes: total })
    }
    await writer.end()
    return { rows, orders, ms: Math.round(performance.now() - started) }
  }
}
