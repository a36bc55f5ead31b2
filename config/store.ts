/*
|--------------------------------------------------------------------------
| The store
|--------------------------------------------------------------------------
|
| Facts about the shop itself that several features share. The store
| currency is what new prices, carts, discounts and reports start in when
| nothing more specific is known; read it through `#services/money`
| (`storeCurrency`), never as a literal code.
|
*/
import env from '#start/env'
import { ConfigurationError } from '#exceptions/configuration_error'

function resolveCurrency(setting: string | undefined): string {
  const code = (setting ?? 'USD').trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new ConfigurationError(`STORE_CURRENCY must be an ISO 4217 code such as USD or EUR, not "${setting}"`)
  }
  return code
}

const storeConfig = {
  /** ISO 4217 code, from STORE_CURRENCY (default USD) */
  currency: resolveCurrency(env.get('STORE_CURRENCY')),
  /** IANA time zone whose calendar days reports use, from STORE_TIMEZONE (default UTC) */
  timezone: env.get('STORE_TIMEZONE') ?? 'UTC',
}

export default storeConfig
