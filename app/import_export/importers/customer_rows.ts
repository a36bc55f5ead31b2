import { SimpleMessagesProvider, errors as vineErrors } from '@vinejs/vine'
import { customerRowValidator, type CustomerRow } from '#validators/customer_import'
import { pick } from '#import_export/importers/batched_csv_import'
import type { CsvRecord } from '#import_export/importers/csv_rows'

/**
 * Where each customer field is found, by normalised header (see columnKey):
 * Shopify's customer export (`First Name, Last Name, Email, Accepts Email
 * Marketing, Default Address Company, Default Address Address1, …`, and
 * the older `Accepts Marketing, Company, Address1, …, Province Code,
 * Country Code, Zip`), or the simple generic names (`email, first_name,
 * last_name, phone, accepts_marketing, address1, city, country_code, zip`).
 */
export const CUSTOMER_COLUMNS = {
  email: ['email', 'email_address'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  phone: ['phone'],
  acceptsMarketing: ['accepts_email_marketing', 'accepts_marketing'],
  company: ['default_address_company', 'company'],
  line1: ['default_address_address1', 'address1', 'address_line1', 'line1'],
  line2: ['default_address_address2', 'address2', 'address_line2', 'line2'],
  city: ['default_address_city', 'city'],
  region: ['default_address_province_code', 'province_code', 'region', 'province'],
  countryCode: ['default_address_country_code', 'country_code'],
  postalCode: ['default_address_zip', 'zip', 'postal_code'],
  addressPhone: ['default_address_phone', 'address_phone'],
}

export type CustomerField = keyof typeof CUSTOMER_COLUMNS

/**
 * The columns `stockroom export customers` writes: the generic names, which
 * CUSTOMER_COLUMNS reads back (plus timestamps, which the import ignores).
 */
export const CUSTOMER_EXPORT_COLUMNS = [
  'email',
  'first_name',
  'last_name',
  'phone',
  'accepts_marketing',
  'company',
  'address1',
  'address2',
  'city',
  'province_code',
  'country_code',
  'zip',
  'address_phone',
  'created_at',
  'updated_at',
]

const ADDRESS_FIELDS = ['company', 'line1', 'line2', 'city', 'region', 'postalCode', 'countryCode', 'addressPhone'] as const

/** Vine's boolean message does not name the field. */
const MESSAGES = { boolean: 'The {{ field }} field must be yes or no' }

const YES = new Set(['yes', 'y', 'true', '1'])
const NO = new Set(['no', 'n', 'false', '0'])

/** Shopify writes yes/no, spreadsheets TRUE/FALSE; blank leaves the stored value. */
function readBoolean(value: string | undefined) {
  const text = value?.trim().toLowerCase()
  if (!text) return undefined
  if (YES.has(text)) return true
  if (NO.has(text)) return false
  return value
}

export interface CustomerAddressInput {
  company: string | null
  line1: string
  line2: string | null
  city: string
  region: string | null
  postalCode: string | null
  countryCode: string
  phone: string | null
}

export interface ReadCustomer {
  email: string
  /** only the fields the file has; null clears */
  fields: Partial<{ firstName: string | null; lastName: string | null; phone: string | null; acceptsMarketing: boolean }>
  /** undefined: the row has no address; the default address otherwise */
  address?: CustomerAddressInput
}

/**
 * Reads one record into the customer it describes, or a message saying what
 * is wrong with it (validation messages name the file's own columns).
 */
export async function readCustomer(record: CsvRecord, columns: Map<CustomerField, string>): Promise<ReadCustomer | string> {
  const values = pick(record, columns)
  let row: CustomerRow
  try {
    row = await customerRowValidator.validate(
      { ...values, acceptsMarketing: readBoolean(values.acceptsMarketing) },
      { messagesProvider: new SimpleMessagesProvider(MESSAGES, Object.fromEntries(columns)) }
    )
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      return error.messages.map((message: { message: string }) => message.message).join('; ')
    }
    throw error
  }
  const orNull = (value: string | undefined) => (value ? value : null)
  const fields: ReadCustomer['fields'] = {}
  if (columns.has('firstName')) fields.firstName = orNull(row.firstName)
  if (columns.has('lastName')) fields.lastName = orNull(row.lastName)
  if (columns.has('phone')) fields.phone = orNull(row.phone)
  if (row.acceptsMarketing !== undefined) fields.acceptsMarketing = row.acceptsMarketing

  if (!ADDRESS_FIELDS.some((field) => row[field])) return { email: row.email, fields }
  if (!row.line1 || !row.city || !row.countryCode) {
    const name = (field: CustomerField) => columns.get(field) ?? field
    return `An address needs ${name('line1')}, ${name('city')} and ${name('countryCode')}`
  }
  return {
    email: row.email,
    fields,
    address: {
      company: orNull(row.company),
      line1: row.line1,
      line2: orNull(row.line2),
      city: row.city,
      region: orNull(row.region),
      postalCode: orNull(row.postalCode),
      countryCode: row.countryCode,
      phone: orNull(row.addressPhone),
    },
  }
}
