import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ImportFormatError, type ImportProgress } from '#actions/catalog/import_products'
import type { CsvRow } from '#import_export/importers/csv_rows'
import { mapColumns, runBatchedCsvImport, type RowImportResult, type RowProblem } from '#import_export/importers/batched_csv_import'
import {
  CUSTOMER_COLUMNS,
  readCustomer,
  type CustomerAddressInput,
  type CustomerField,
  type ReadCustomer,
} from '#import_export/importers/customer_rows'
import { dbTimestamp } from '#services/db_time'

export interface ImportCustomersOptions {
  dryRun?: boolean
  /** CSV of rows left out: line, email, kind, message */
  reportPath?: string
  batchSize?: number
  onProgress?: (progress: ImportProgress) => void
}

export interface CustomerProblem extends RowProblem {
  email: string | null
}

export type ImportCustomersResult = RowImportResult<CustomerProblem>

interface NewCustomer {
  email: string
  columns: Record<string, string | boolean | null>
  address?: CustomerAddressInput
}

interface StoredCustomer {
  id: number
  email: string
  first_name: string | null
  last_name: string | null
  phone: string | null
  accepts_marketing: boolean
  anonymized_at: unknown
  /** the default address as its columns; `both`: it is the default for shipping and billing */
  address: (ReturnType<typeof addressColumns> & { id: number; both: boolean }) | null
}

const FIELD_COLUMNS = { firstName: 'first_name', lastName: 'last_name', phone: 'phone', acceptsMarketing: 'accepts_marketing' } as const

/**
 * Imports customers from Shopify's customer CSV or a simple generic one,
 * matched on the email (lower-cased): new ones are created without a
 * password (they set one through "forgot password" or at checkout), known
 * ones get the file's values, and the row's address becomes the default
 * shipping and billing address. Only columns the file has are written, and
 * only when they differ, so running a file again changes nothing. Rows
 * with a bad email or an incomplete address are reported with their line;
 * customers erased on request are skipped, never brought back. Nobody is
 * emailed: importing is not signing up.
 */
export default class ImportCustomers {
  async handle(path: string, options: ImportCustomersOptions = {}): Promise<ImportCustomersResult> {
    let columns = new Map<CustomerField, string>()
    return runBatchedCsvImport<CustomerProblem>({
      path,
      dryRun: options.dryRun,
      reportPath: options.reportPath,
      reportColumns: ['line', 'email', 'kind', 'message'],
      batchSize: options.batchSize,
      onProgress: options.onProgress,
      checkHeaders(headers) {
        columns = mapColumns(headers, CUSTOMER_COLUMNS)
        if (!columns.has('email')) {
          throw new ImportFormatError(`A customer file needs an Email column; found ${headers.slice(0, 8).join(', ')}`)
        }
      },
      writeBatch: (trx, rows, report) => this.#writeBatch(trx, rows, report, columns),
    })
  }

  async #writeBatch(
    trx: TransactionClientContract,
    rows: CsvRow[],
    report: (problem: CustomerProblem) => void,
    columns: Map<CustomerField, string>
  ) {
    const read: Array<{ line: number; customer: ReadCustomer }> = []
    for (const { line, record } of rows) {
      const customer = await readCustomer(record, columns)
      if (typeof customer === 'string') {
        report({ line, email: record[columns.get('email')!]?.trim() || null, kind: 'error', message: customer })
      } else {
        read.push({ line, customer })
      }
    }
    const stored = await loadCustomers(trx, [...new Set(read.map(({ customer }) => customer.email))])
    const now = dbTimestamp(trx)
    const counts = { created: 0, updated: 0, unchanged: 0 }
    const fresh = new Map<string, NewCustomer>()

    for (const { line, customer } of read) {
      const current = stored.get(customer.email)
      if (current?.anonymized_at) {
        report({ line, email: customer.email, kind: 'skipped', message: 'This customer was erased on request; not imported again' })
      } else if (current) {
        if (await updateCustomer(trx, current, customer, now)) counts.updated += 1
        else counts.unchanged += 1
      } else {
        // Inserted with the batch's other new customers; a later row of the same email adds to it.
        const pending = fresh.get(customer.email)
        if (pending) {
          Object.assign(pending.columns, customerColumns(customer))
          pending.address = customer.address ?? pending.address
        } else {
          fresh.set(customer.email, { email: customer.email, columns: customerColumns(customer), address: customer.address })
          counts.created += 1
        }
      }
    }
    await insertCustomers(trx, [...fresh.values()], now)
    return counts
  }
}

/** The row's customer fields as column values (only those the file has). */
function customerColumns(customer: ReadCustomer) {
  const values: Record<string, string | boolean | null> = {}
  for (const [field, column] of Object.entries(FIELD_COLUMNS) as Array<[keyof typeof FIELD_COLUMNS, string]>) {
    if (customer.fields[field] !== undefined) values[column] = customer.fields[field]
  }
  return values
}

/** Known customers by email, with their default address, 500 emails per query. */
async function loadCustomers(trx: TransactionClientContract, emails: string[]) {
  const customers = new Map<string, StoredCustomer>()
  for (let start = 0; start < emails.length; start += 500) {
    const rows = await trx
      .from('customers')
      .whereIn('email', emails.slice(start, start + 500))
      .select('id', 'email', 'first_name', 'last_name', 'phone', 'accepts_marketing', 'anonymized_at')
    const byId = new Map(rows.map((row) => [Number(row.id), row]))
    const addresses = byId.size
      ? await trx
          .from('addresses')
          .whereIn('customer_id', [...byId.keys()])
          .where((query) => query.where('is_default_shipping', true).orWhere('is_default_billing', true))
          .orderBy('id')
      : []
    const defaults = new Map<number, any>()
    for (const address of addresses) {
      const seen = defaults.get(Number(address.customer_id))
      // Prefer the address that is already both defaults.
      if (!seen || (address.is_default_shipping && address.is_default_billing)) defaults.set(Number(address.customer_id), address)
    }
    for (const row of rows) {
      const address = defaults.get(Number(row.id))
      customers.set(row.email, {
        ...row,
        id: Number(row.id),
        accepts_marketing: Boolean(Number(row.accepts_marketing)),
        address: address
          ? {
              ...addressColumns(
                { ...address, postalCode: address.postal_code, countryCode: String(address.country_code).trim() },
                address
              ),
              id: Number(address.id),
              both: Boolean(address.is_default_shipping) && Boolean(address.is_default_billing),
            }
          : null,
      })
    }
  }
  return customers
}

function addressColumns(address: CustomerAddressInput, names: { first_name: string | null; last_name: string | null }) {
  return {
    first_name: names.first_name,
    last_name: names.last_name,
    company: address.company,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postal_code: address.postalCode,
    country_code: address.countryCode,
    phone: address.phone,
  }
}

/** Writes what differs on a known customer and its default address; answers whether anything did. */
async function updateCustomer(trx: TransactionClientContract, current: StoredCustomer, customer: ReadCustomer, now: string) {
  const wanted = customerColumns(customer)
  const changes = Object.fromEntries(Object.entries(wanted).filter(([column, value]) => current[column as keyof StoredCustomer] !== value))
  if (Object.keys(changes).length) {
    await trx.from('customers').where('id', current.id).update({ ...changes, updated_at: now })
    Object.assign(current, changes)
  }
  if (!customer.address) return Object.keys(changes).length > 0

  const names = { first_name: current.first_name, last_name: current.last_name }
  const columns = addressColumns(customer.address, names)
  const existing = current.address
  const same = existing?.both && Object.entries(columns).every(([column, value]) => existing[column as keyof typeof columns] === value)
  if (same) return Object.keys(changes).length > 0

  // One default address: the others lose the flags.
  await trx
    .from('addresses')
    .where('customer_id', current.id)
    .if(existing, (query) => query.whereNot('id', existing!.id))
    .where((query) => query.where('is_default_shipping', true).orWhere('is_default_billing', true))
    .update({ is_default_shipping: false, is_default_billing: false, updated_at: now })
  let id = existing?.id
  if (id) {
    await trx.from('addresses').where('id', id).update({ ...columns, is_default_shipping: true, is_default_billing: true, updated_at: now })
  } else {
    const [row] = await trx
      .table('addresses')
      .insert({ ...columns, customer_id: current.id, is_default_shipping: true, is_default_billing: true, created_at: now, updated_at: now })
      .returning('id')
    id = Number(typeof row === 'object' ? row.id : row)
  }
  // A later row of the same email in this batch compares with what is stored now.
  current.address = { ...columns, id, both: true }
  return true
}

/**
 * New customers in multi-row inserts (no password: they are not accounts
 * yet), then their addresses. An email a concurrent checkout created
 * meanwhile is left to it; running the file again updates that customer.
 */
async function insertCustomers(trx: TransactionClientContract, customers: NewCustomer[], now: string) {
  for (let start = 0; start < customers.length; start += 100) {
    const chunk = customers.slice(start, start + 100)
    const inserted: Array<{ id: number; email: string }> = await trx
      .knexQuery()
      .table('customers')
      .insert(
        chunk.map((customer) => ({
          email: customer.email,
          first_name: null,
          last_name: null,
          phone: null,
          accepts_marketing: false,
          ...customer.columns,
          password: null,
          created_at: now,
          updated_at: now,
        }))
      )
      .onConflict('email')
      .ignore()
      .returning(['id', 'email'])
    const idOf = new Map(inserted.map((row) => [row.email, Number(row.id)]))
    const addresses = chunk.flatMap((customer) => {
      const id = idOf.get(customer.email)
      if (!customer.address || !id) return []
      const names = { first_name: (customer.columns.first_name as string) ?? null, last_name: (customer.columns.last_name as string) ?? null }
      return [{ ...addressColumns(customer.address, names), customer_id: id, is_default_shipping: true, is_default_billing: true, created_at: now, updated_at: now }]
    })
    if (addresses.length) await trx.table('addresses').multiInsert(addresses)
  }
}
