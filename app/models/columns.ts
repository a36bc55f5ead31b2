/**
 * Column options shared by models so both databases read back the same
 * values: SQLite returns booleans as 0/1 and JSON columns as text.
 */
export const booleanColumn = {
  consume: (value: unknown) => (value === null || value === undefined ? value : Boolean(value)),
}

export const jsonColumn = {
  // Always stringify: node-postgres would turn a JS array into a PostgreSQL array literal.
  prepare: (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value)),
  consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
}
