import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { PostalAddress } from '#services/addresses'
import Customer from '#models/customer'
import OrderLine from '#models/order_line'
import OrderEvent from '#models/order_event'
import Payment from '#models/payment'
import Refund from '#models/refund'
import Fulfillment from '#models/fulfillment'
import { booleanColumn, jsonColumn } from '#models/columns'
import {
  HELD_PAYMENT_STATUSES,
  OPEN_FULFILLMENT_STATUSES,
  SALE_PAYMENT_STATUSES,
  canShip,
  countsAsSale,
  holdsPayment,
  shipRefusal,
  whereShippable,
  type FulfillmentStatus,
  type OrderStatus,
  type PaymentStatus,
} from '#models/order_rules'

export type { OrderStatus, PaymentStatus, FulfillmentStatus } from '#models/order_rules'

/** Address snapshot stored on the order, independent of the customer's address book. */
export type OrderAddress = PostalAddress

/** The snake_case fields of the address forms (checkout details, the admin order's address). */
export interface AddressFormFields {
  first_name: string
  last_name: string
  company?: string | null
  line1: string
  line2?: string | null
  city: string
  region?: string | null
  postal_code?: string | null
  country_code: string
  phone?: string | null
}

/** The order address snapshot from a validated address form. */
export function orderAddressFromForm(fields: AddressFormFields): OrderAddress {
  return {
    firstName: fields.first_name,
    lastName: fields.last_name,
    company: fields.company ?? null,
    line1: fields.line1,
    line2: fields.line2 ?? null,
    city: fields.city,
    region: fields.region ?? null,
    postalCode: fields.postal_code ?? null,
    countryCode: fields.country_code,
    phone: fields.phone ?? null,
  }
}

/**
 * An order and its three statuses. Change statuses only through the orders
 * domain's transition table, which records `order_events`. What the
 * statuses mean together (a sale, money held, may ship) lives in
 * `#models/order_rules`, exposed here as statics, getters and a scope.
 */
export default class Order extends BaseModel {
  /** money was captured at some point: counts as a sale (refunds are subtracted separately) */
  static readonly SALE_PAYMENT_STATUSES = SALE_PAYMENT_STATUSES
  /** captured money still (at least partly) held: may ship, completes, must be refunded before cancelling */
  static readonly HELD_PAYMENT_STATUSES = HELD_PAYMENT_STATUSES
  /** fulfillment states that may still have units to ship */
  static readonly OPEN_FULFILLMENT_STATUSES = OPEN_FULFILLMENT_STATUSES

  /** `Order.query().withScopes((scopes) => scopes.shippable())`: orders that may ship now (order_rules.whereShippable). */
  static shippable = scope((query) => {
    whereShippable(query, Order.table)
  })

  get countsAsSale() {
    return countsAsSale(this)
  }

  get holdsPayment() {
    return holdsPayment(this)
  }

  /** Order-level half of the ship rule; lines need units left too (order_rules.unitsToShip). */
  get isShippable() {
    return canShip(this)
  }

  /** Why this order may not ship now, for staff; null when it may. */
  get shipRefusal() {
    return shipRefusal(this)
  }

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: number

  @column()
  declare publicToken: string

  @column()
  declare customerId: number | null

  @column()
  declare email: string

  @column()
  declare currency: string

  @column()
  declare status: OrderStatus

  @column()
  declare paymentStatus: PaymentStatus

  @column()
  declare fulfillmentStatus: FulfillmentStatus

  @column()
  declare subtotal: number

  @column()
  declare discountTotal: number

  @column()
  declare shippingTotal: number

  @column()
  declare taxTotal: number

  @column()
  declare total: number

  @column(jsonColumn)
  declare shippingAddress: OrderAddress | null

  @column(jsonColumn)
  declare billingAddress: OrderAddress | null

  /** snapshot of the discount the order was priced with; the id links back while it exists */
  @column()
  declare discountId: number | null

  @column()
  declare discountCode: string | null

  @column()
  declare shippingMethodId: number | null

  @column()
  declare shippingMethodName: string | null

  /** line prices already include tax (VAT-style); tax_total is then informational */
  @column(booleanColumn)
  declare taxesIncluded: boolean

  /** an unpaid order holds its stock until then; the expiry job cancels it after */
  @column.dateTime()
  declare expiresAt: DateTime | null

  /** the checkout submission that created it: one order per submission */
  @column({ serializeAs: null })
  declare checkoutToken: string | null

  @column.dateTime()
  declare placedAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Customer)
  declare customer: BelongsTo<typeof Customer>

  @hasMany(() => OrderLine, { onQuery: (query) => query.orderBy('id') })
  declare lines: HasMany<typeof OrderLine>

  @hasMany(() => OrderEvent, { onQuery: (query) => query.orderBy('created_at').orderBy('id') })
  declare events: HasMany<typeof OrderEvent>

  @hasMany(() => Payment)
  declare payments: HasMany<typeof Payment>

  @hasMany(() => Refund)
  declare refunds: HasMany<typeof Refund>

  @hasMany(() => Fulfillment)
  declare fulfillments: HasMany<typeof Fulfillment>
}
