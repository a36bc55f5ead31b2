import factory from '@adonisjs/lucid/factories'
import Customer from '#models/customer'
import Address from '#models/address'
import { uniqueSuffix } from '#database/factories/unique'

/** Password of every factory-made customer with an account. */
export const CUSTOMER_PASSWORD = 'shopper secret 123'

export const AddressFactory = factory
  .define(Address, () => ({
    firstName: 'Ada',
    lastName: 'Lovelace',
    line1: '12 Analytical Row',
    city: 'London',
    region: null,
    postalCode: 'N1 9GU',
    countryCode: 'GB',
    isDefaultShipping: true,
    isDefaultBilling: true,
  }))
  .build()

/** Customers with an account (`.apply('guest')` for none), optionally `.with('addresses')`. */
export const CustomerFactory = factory
  .define(Customer, () => {
    const suffix = uniqueSuffix()
    return {
      email: `customer-${suffix}@example.test`,
      firstName: 'Ada',
      lastName: `Shopper ${suffix}`,
      password: CUSTOMER_PASSWORD,
      acceptsMarketing: false,
    }
  })
  .state('guest', (customer) => {
    customer.password = null
  })
  .relation('addresses', () => AddressFactory)
  .build()
