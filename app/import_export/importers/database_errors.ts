/** Constraint names and columns an import can run into, as an operator would say them. */
const CLASHES: Array<[RegExp, string]> = [
  [/variants[._]sku/i, 'the SKU is already used by another variant'],
  [/products[._]handle/i, 'the handle is already used by another product'],
  [/variants[._]barcode/i, 'the barcode is already used by another variant'],
]

/**
 * A database refusal as one readable sentence for the import report. The
 * driver's message starts with the SQL it ran (values included), which
 * means nothing to a merchant and may be long: only the constraint is kept.
 */
export function humanDatabaseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: string } | null)?.code ?? ''
  const unique = /unique|duplicate key/i.test(message) || code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
  if (unique) {
    const clash = CLASHES.find(([pattern]) => pattern.test(message))
    return clash ? `Not saved: ${clash[1]}` : 'Not saved: a value that must be unique is already used'
  }
  if (/not null|null value/i.test(message)) return 'Not saved: a required value is missing'
  if (/too long|value too long|check constraint|foreign key/i.test(message)) return 'Not saved: a value is outside what the store accepts'
  // Anything else: the driver's reason without the statement ("insert into … - reason").
  const reason = message.split('\n')[0].replace(/^(insert|update|delete|select)\b.* - /i, '')
  return `Not saved: ${reason.slice(0, 200)}`
}
