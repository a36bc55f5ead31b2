import isoCountries from 'i18n-iso-countries'

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })

/**
 * The countries of checkout, addresses and the cart's shipping estimate:
 * the current ISO 3166-1 alpha-2 codes from a maintained list
 * (i18n-iso-countries), named by Intl. Probing every two-letter pair with
 * Intl instead also finds withdrawn and reserved codes (DD next to DE, UK
 * next to GB): two "Germany" entries, and the wrong one matched no tax zone.
 */
export const COUNTRIES: ReadonlyArray<{ code: string; name: string }> = Object.keys(isoCountries.getAlpha2Codes())
  .map((code) => ({ code, name: regionNames.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name))

export const COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRIES.map((country) => country.code))

/** The English name of a country code, or the code itself when it is not one. */
export function countryName(code: string) {
  return COUNTRY_CODES.has(code) ? regionNames.of(code)! : code
}

/**
 * "Germany (DE)": for staff pages where the code matters too (tax rates,
 * shipping zones, the codes an import file uses). A code that is no country
 * is shown as it is.
 */
export function countryWithCode(code: string) {
  const name = countryName(code)
  return name === code ? code : `${name} (${code})`
}
