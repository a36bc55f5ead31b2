import addressFormatter from '@fragaria/address-formatter'
import { countryName } from '#services/countries'

/** The fields of an address (an order's snapshot, an address book entry). */
export interface PostalAddress {
  firstName?: string | null
  lastName?: string | null
  company?: string | null
  line1: string
  line2?: string | null
  city: string
  region?: string | null
  postalCode?: string | null
  countryCode: string
  phone?: string | null
}

/**
 * An address as the lines of an envelope, in its country's order: "Portland,
 * OR 97201" in the US, "10117 Berlin" in Germany, the postcode on a line of
 * its own in the UK. The per-country templates are OpenCage's, applied by
 * @fragaria/address-formatter; the country comes last, by its English name
 * from `#services/countries`. The two street lines stay two lines, as typed.
 * Plain text: templates escape it like any other value. Empty for no address.
 * The phone is not part of the envelope: `address.phone` where a page shows it.
 */
export function addressLines(address: PostalAddress | null | undefined): string[] {
  if (!address) return []
  const clean = (value: string | null | undefined) => (value ?? '').trim()
  const code = clean(address.countryCode).toUpperCase()
  const components = {
    attention: [clean(address.firstName), clean(address.lastName)].filter(Boolean).join(' '),
    house: clean(address.company),
    road: [clean(address.line1), clean(address.line2)].filter(Boolean).join('\n'),
    city: clean(address.city),
    state: clean(address.region),
    postcode: clean(address.postalCode),
    countryCode: code,
  }
  // leave blank parts out: the formatter prints a present-but-undefined part as "undefined"
  const present = Object.fromEntries(Object.entries(components).filter(([, value]) => value !== ''))
  const lines = addressFormatter.format(present, { output: 'array' })
  const country = code ? countryName(code) : ''
  return [...lines.map((line) => line.trim()).filter(Boolean), ...(country ? [country] : [])]
}
