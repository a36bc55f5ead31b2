import { performance } from 'node:perf_hooks'
import type { DateTime } from 'luxon'
import Customer from '#models/customer'
import Address from '#models/address'
import { recordWriter } from '#import_export/exporters/record_writer'
import { CUSTOMER_EXPORT_COLUMNS } from '#import_export/importers/customer_rows'
import { dbTimestamp } from '#services/db_time'
import type { ExportRecordsOptions, ExportRecordsResult } from '#actions/inventory/export_inventory'

/**
 * Writes customers with their default address, streamed by keyset pages,
 * in the columns `stockroom import customers` reads, so the file imports
 * back unchanged. `since` keeps customers updated since then. Customers
 * erased on request are left out: there is nothing of them to export.
 */
export default class ExportCustomers {
  async handle(options: ExportRecordsOptions): Promise<ExportRecordsResult> {
    const started = performance.now()
    const since = options.since ? dbTimestamp(undefined, options.since.toLocal() as DateTime<true>) : null
    const scope = () =>
      Customer.query()
        .whereNull('anonymized_at')
        .if(since, (query) => query.where('updated_at', '>=', since!))
    const total = Number((await scope().count('* as total').first())?.$extras.total ?? 0)
    const writer = recordWriter(options.output, options.format ?? 'csv', CUSTOMER_EXPORT_COLUMNS)
    let rows = 0
    let afterId = 0
    for (;;) {
      const customers = await scope()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(options.pageSize ?? 500)
      if (!customers.length) break
      afterId = customers.at(-1)!.id

      const addresses = new Map<number, Address>()
      const candidates = await Address.query()
        .whereIn('customer_id', customers.map((customer) => customer.id))
        .where((query) => query.where('is_default_shipping', true).orWhere('is_default_billing', true))
        .orderBy('id')
      for (const address of candidates) {
        // The address that is both defaults wins, as the import chooses it.
        const seen = addresses.get(address.customerId)
        if (!seen || (address.isDefaultShipping && address.isDefaultBilling)) addresses.set(address.customerId, address)
      }
      for (const customer of customers) {
        const address = addresses.get(customer.id)
        await writer.write({
          email: customer.email,
          first_name: customer.firstName,
          last_name: customer.lastName,
          phone: customer.phone,
          accepts_marketing: customer.acceptsMarketing,
          company: address?.company ?? null,
          address1: address?.line1 ?? null,
          address2: address?.line2 ?? null,
          city: address?.city ?? null,
          province_code: address?.region ?? null,
          country_code: address?.countryCode.trim() ?? null,
          zip: address?.postalCode ?? null,
          address_phone: address?.phone ?? null,
          created_at: customer.createdAt.toUTC().toISO(),
          updated_at: customer.updatedAt.toUTC().toISO(),
        })
        rows++
      }
      options.onProgress?.({ rows, bytes: rows, totalBytes: total })
    }
    await writer.end()
    return { rows, ms: Math.round(performance.now() - started) }
  }
}
