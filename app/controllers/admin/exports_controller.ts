import { PassThrough } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '#validators/vine'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import ExportProducts from '#actions/catalog/export_products'
import ExportOrders from '#actions/exports/export_orders'
import ExportCustomers from '#actions/customers/export_customers'
import ExportNewsletterSubscribers from '#actions/newsletter/export_newsletter_subscribers'
import CatalogPolicy from '#policies/catalog_policy'
import OrdersPolicy from '#policies/orders_policy'
import CustomersPolicy from '#policies/customers_policy'
import { PRODUCT_STATUSES } from '#models/product'
import { subscriberFiltersValidator } from '#validators/newsletter'

/** The products list's status filter, carried to its export. */
const productExportValidator = vine.compile(vine.object({ status: vine.enum(PRODUCT_STATUSES).optional() }))

/**
 * The list pages' "Export CSV" buttons: the same exporters as `stockroom
 * export products|orders|customers` (one owner of each file's columns), and
 * the newsletter list's,
 * streamed to the browser as they are written, so a large store's export
 * starts at once and never sits in memory.
 */
export default class ExportsController {
  async products({ bouncer, request, response }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('read')
    const { status } = await request.validateUsing(productExportValidator, { data: request.qs() })
    const exporter = await app.container.make(ExportProducts)
    return stream(response, 'products.csv', (output) => exporter.handle({ output, status: status ? [status] : undefined }))
  }

  async orders({ bouncer, response }: HttpContext) {
    await bouncer.with(OrdersPolicy).authorize('read')
    const exporter = await app.container.make(ExportOrders)
    return stream(response, 'orders.csv', (output) => exporter.handle({ output, format: 'csv' }))
  }

  async customers({ bouncer, response }: HttpContext) {
    await bouncer.with(CustomersPolicy).authorize('read')
    const exporter = await app.container.make(ExportCustomers)
    return stream(response, 'customers.csv', (output) => exporter.handle({ output, format: 'csv' }))
  }

  /** The newsletter list, with the list page's search and status filter. */
  async subscribers({ bouncer, request, response }: HttpContext) {
    await bouncer.with(CustomersPolicy).authorize('read')
    const { q, status } = await request.validateUsing(subscriberFiltersValidator, { data: request.qs() })
    const exporter = await app.container.make(ExportNewsletterSubscribers)
    return stream(response, 'newsletter-subscribers.csv', (output) => exporter.handle({ output, format: 'csv', filters: { q, status } }))
  }
}

/** Answers with the CSV the exporter writes into the stream; a failure halfway ends the download (the log has why). */
function stream(response: HttpContext['response'], fileName: string, write: (output: PassThrough) => Promise<unknown>) {
  const output = new PassThrough()
  response.header('Content-Type', 'text/csv; charset=utf-8')
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
  response.header('Cache-Control', 'no-store')
  response.stream(output)
  void write(output).catch((error) => {
    logger.error({ err: error, fileName }, 'admin CSV export failed halfway')
    output.destroy(error)
  })
}
