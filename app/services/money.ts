/**
 * Money is stored as integer minor units plus an ISO 4217 currency code and
 * formatted only at the edge. The number of minor digits comes from Intl
 * itself, so JPY (0) and KWD (3) come out right without a table of our own.
 */
const formatters = new Map<string, Intl.NumberFormat>()

function formatterFor(currency: string, locale: string) {
  const key = `${locale}|${currency}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formatters.set(key, formatter)
  }
  return formatter
}

/** Digits after the decimal point for a currency (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  return formatterFor(currency.toUpperCase(), 'en-US').resolvedOptions().maximumFractionDigits ?? 2
}

/** Formats an amount in minor units, e.g. formatMoney(1999, 'USD') is "$19.99". */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const code = currency.toUpperCase()
  const formatter = formatterFor(code, locale)
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2
  return formatter.format(Number(minor) / 10 ** digits)
}
