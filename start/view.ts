/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
|
| Helpers every template may call. Keep this list short: anything that
| needs the request belongs in a middleware's view.share instead.
|
*/
import edge from 'edge.js'
import { formatMoney, formatRate } from '#services/money'
import { asset, inlineStylesheet } from '#services/assets'
import { COUNTRIES, countryName, countryWithCode } from '#services/countries'
import { addressLines } from '#services/addresses'
import { formatDay, formatMonth, formatStoreDate, formatStoreDateTime, isoInstant } from '#services/store_time'
import { footerPolicies, policySummary } from '#settings/store_policies'
import { plural, pluralWord } from '#services/plural'
import { choiceLabel, shopperStatusLabel, statusLabel, statusTone } from '#services/status_labels'
import { skuLabel } from '#catalog/variant_picker'

/** The shop's public name; store settings will make it editable. */
edge.global('storeName', 'Stockroom')
edge.global('formatMoney', formatMoney)
edge.global('formatRate', formatRate)
/** Static file URLs, versioned, on the CDN when CDN_URL is set; stylesheets inlined (the storefront's). */
edge.global('asset', asset)
edge.global('inlineStylesheet', inlineStylesheet)
// The one country list (checkout, addresses, the cart's shipping estimate).
edge.global('countries', COUNTRIES)
// A country by name for shoppers ("Germany"), with its code for staff ("Germany (DE)").
edge.global('countryName', countryName)
edge.global('countryWithCode', countryWithCode)
// Addresses in their country's format, times in the store's time zone (one helper each).
edge.global('addressLines', addressLines)
edge.global('storeDateTime', formatStoreDateTime)
edge.global('storeDate', formatStoreDate)
edge.global('storeDay', formatDay)
edge.global('storeMonth', formatMonth)
edge.global('isoInstant', isoInstant)
// Counts in words ("1 order", "3 orders"), one rule with the TypeScript side.
edge.global('plural', plural)
edge.global('pluralWord', pluralWord)
// Status values in words with their badge tone ("Partially refunded", warning).
edge.global('statusLabel', statusLabel)
edge.global('choiceLabel', choiceLabel)
edge.global('statusTone', statusTone)
// An order's payment and shipping state in a shopper's words, with the same tones.
edge.global('shopperStatusLabel', shopperStatusLabel)
// "SKU: AB-12", or a code that already starts with SKU alone.
edge.global('skuLabel', skuLabel)
// The policies staff wrote, for the footer, checkout and the product page (cached: no SQL when warm).
edge.global('storePolicies', footerPolicies)
edge.global('policySummary', policySummary)
