import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Address from '#models/address'
import SaveCustomerAddress from '#actions/accounts/save_customer_address'
import DeleteCustomerAddress from '#actions/accounts/delete_customer_address'
import { addressValidator, idParamValidator } from '#validators/account'
import { COUNTRIES } from '#validators/checkout'

/**
 * The address book. Every lookup is scoped to the signed-in customer, so
 * another customer's address id is a 404 like an unknown one.
 */
export default class AccountAddressesController {
  async index(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user!
    const addresses = await Address.query().where('customer_id', customer.id).orderBy('id')
    return ctx.view.render('pages/storefront/account/addresses', { customer, addresses, countries: COUNTRIES, section: 'addresses' })
  }

  @inject()
  async store(ctx: HttpContext, saveCustomerAddress: SaveCustomerAddress) {
    const input = await ctx.request.validateUsing(addressValidator)
    await saveCustomerAddress.handle(ctx.auth.use('customer').user!.id, input)
    ctx.session.flash('notice', 'Address saved.')
    return ctx.response.redirect().toRoute('storefront.account.addresses.index')
  }

  async edit(ctx: HttpContext) {
    const address = await ownAddress(ctx)
    if (!address) return ctx.response.notFound('Address not found')
    return ctx.view.render('pages/storefront/account/address_edit', { customer: ctx.auth.use('customer').user!, address, countries: COUNTRIES, section: 'addresses' })
  }

  @inject()
  async update(ctx: HttpContext, saveCustomerAddress: SaveCustomerAddress) {
    const id = await addressId(ctx)
    if (!id) return ctx.response.notFound('Address not found')
    const input = await ctx.request.validateUsing(addressValidator)
    const saved = await saveCustomerAddress.handle(ctx.auth.use('customer').user!.id, input, id)
    if (!saved) return ctx.response.notFound('Address not found')
    ctx.session.flash('notice', 'Address saved.')
    return ctx.response.redirect().toRoute('storefront.account.addresses.index')
  }

  @inject()
  async destroy(ctx: HttpContext, deleteCustomerAddress: DeleteCustomerAddress) {
    const id = await addressId(ctx)
    if (!id || !(await deleteCustomerAddress.handle(ctx.auth.use('customer').user!.id, id))) {
      return ctx.response.notFound('Address not found')
    }
    ctx.session.flash('notice', 'Address deleted.')
    return ctx.response.redirect().status(303).toRoute('storefront.account.addresses.index')
  }
}

async function addressId(ctx: HttpContext) {
  const [error, valid] = await idParamValidator.tryValidate(ctx.params)
  return error ? null : valid.id
}

async function ownAddress(ctx: HttpContext) {
  const id = await addressId(ctx)
  if (!id) return null
  return Address.query().where('id', id).where('customer_id', ctx.auth.use('customer').user!.id).first()
}
