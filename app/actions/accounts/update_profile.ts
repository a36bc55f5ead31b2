import type Customer from '#models/customer'
import type { ProfileInput } from '#validators/account'

/** Saves the customer's name and phone. */
export default class UpdateProfile {
  async handle(customer: Customer, input: ProfileInput) {
    customer.merge({ firstName: input.first_name, lastName: input.last_name ?? null, phone: input.phone || null })
    await customer.save()
    return customer
  }
}
