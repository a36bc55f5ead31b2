import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type Customer from '#models/customer'
import MergeGuestCart from '#actions/cart/merge_guest_cart'

/**
 * Signs a customer in on the customer guard: the guard regenerates the
 * session id (no session fixation) and stores the session stamp; the
 * guest cart joins theirs.
 */
@inject()
export default class StartCustomerSession {
  constructor(private mergeGuestCart: MergeGuestCart) {}

  async handle(ctx: HttpContext, customer: Customer) {
    await ctx.auth.use('customer').login(customer)
    await this.mergeGuestCart.handle(ctx, customer)
  }
}
