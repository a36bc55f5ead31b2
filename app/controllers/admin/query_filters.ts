import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'
import { fieldErrors } from '#controllers/admin/form_errors'

/** A list page's filters, the query string that reproduces them, and why any were refused. */
export interface Filters<T> {
  filters: Partial<T>
  /** the kept filters as a query string (no leading `?`), for pagination, export and saved links */
  query: string
  /** `{ field: message }` when the query string did not validate (filters are then empty) */
  errors: Record<string, string>
}

/**
 * Reads a list page's filters from the query string: empty fields mean "any"
 * and are dropped before VineJS sees them; an invalid query string shows the
 * unfiltered list (with `errors`) rather than an error page, because filter
 * links get bookmarked and shared. `omit` leaves keys (the page cursor) out of
 * the canonical `query`.
 */
export async function filtersFrom<Schema extends SchemaTypes>(
  request: HttpContext['request'],
  validator: VineValidator<Schema, Record<string, any> | undefined>,
  options: { omit?: string[] } = {}
): Promise<Filters<Infer<Schema>>> {
  const [error, validated] = await validator.tryValidate(withoutBlanks(request.qs()), {})
  const filters = (validated ?? {}) as Partial<Infer<Schema>>
  return { filters, query: queryString(filters, options.omit ?? ['page']), errors: error ? fieldErrors(error) : {} }
}

/** An empty field means "any" (or "not given"), not an invalid value. */
export function withoutBlanks(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== null && value !== undefined))
}

function queryString(filters: Record<string, unknown>, omit: string[]) {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (omit.includes(key) || value === undefined || value === null || value === '' || value === false) continue
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, queryValue(item))
  }
  return query.toString()
}

/** Filter dates are calendar days (`YYYY-MM-DD`), as their form fields send them. */
function queryValue(value: unknown) {
  if (value === true) return '1'
  if (value instanceof Date) return DateTime.fromJSDate(value).toISODate()!
  return String(value)
}
