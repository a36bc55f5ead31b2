import storeConfig from '#config/store'

/**
 * The one home of money rules. Money is stored as integer minor units plus
 * an ISO 4217 currency code and formatted only at the edge. The number of
 * minor digits comes from Intl itself, so JPY (0) and KWD (3) come out
 * right without a table of our own. Code that needs "the currency" when
 * nothing names one uses `storeCurrency` (config/store.ts, STORE_CURRENCY).
 */
export const storeCurrency: string = storeConfig.currency

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
export function minorDigits(currency: string = storeCurrency): number {
  return formatterFor(currency.toUpperCase(), 'en-US').resolvedOptions().maximumFractionDigits ?? 2
}

/** Major units (19.99, as typed in a form or a CSV) to minor units (1999); 20 yen stays 20. */
export function toMinorUnits(major: number, currency: string = storeCurrency): number {
  return Math.round(major * 10 ** minorDigits(currency))
}

/** Minor units (1999) to a major-unit number (19.99), for charts and arithmetic at the edge. */
export function toMajorUnits(minor: number, currency: string = storeCurrency): number {
  return Number(minor) / 10 ** minorDigits(currency)
}

/** Minor units as plain decimal text with the currency's digits ("19.99", "20"): form fields, CSV cells. */
export function majorUnitsText(minor: number, currency: string = storeCurrency): string {
  const digits = minorDigits(currency)
  return (Number(minor) / 10 ** digits).toFixed(digits)
}

const percentFormatter = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 3 })

/**
 * A rate stored in hundredths of a percent (tax rates, percentage discounts) as English writes it:
 * formatRate(825) is "8.25%", formatRate(1000) is "10%" (no space before the sign).
 */
export function formatRate(hundredthsOfPercent: number): string {
  return percentFormatter.format(Number(hundredthsOfPercent) / 10_000)
}

/** Formats an amount in minor units, e.g. formatMoney(1999, 'EUR', 'de-DE') is "19,99 €". */
export function formatMoney(minor: number, currency: string = storeCurrency, locale = 'en-US'): string {
  const code = currency.toUpperCase()
  const formatter = formatterFor(code, locale)
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2
  return formatter.format(Number(minor) / 10 ** digits)
}
