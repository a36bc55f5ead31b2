import { majorUnitsText, storeCurrency, toMinorUnits as minorUnitsOf } from '#services/money'

/** Well-formed input that clashes with the store (a taken code, a country in two zones); errors by field. */
export class PricingSettingsError extends Error {
  code = 'E_PRICING_SETTINGS'
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? 'Invalid settings')
  }
}

/** Major units typed in a form ("19.99") to minor units of `currency` (1999 cents; 20 yen stays 20). */
export function toMinorUnits(amount: number | undefined | null, currency = storeCurrency): number | null {
  return amount === undefined || amount === null ? null : minorUnitsOf(amount, currency)
}

/** Minor units back to the number a form shows ("19.99"); '' for none. */
export function toMajorUnits(amount: number | null | undefined, currency = storeCurrency): string {
  return amount === null || amount === undefined ? '' : majorUnitsText(amount, currency)
}

/** Percent typed in a form (12.5) to basis points (1250). */
export function toBasisPoints(percent: number): number {
  return Math.round(percent * 100)
}

/** "us, CA ca;MX" → ["US", "CA", "MX"]; "*" means every country no other zone lists. */
export function parseCountries(text: string) {
  const codes = [...new Set(text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))]
  const invalid = codes.filter((code) => code !== '*' && !/^[A-Z]{2}$/.test(code))
  return { codes, invalid }
}
