import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Order from '#models/order'
import Variant from '#models/variant'
import Product from '#models/product'
import { unitsToShip } from '#models/order_rules'

/** A line of an order: sku, titles and prices are snapshots taken when the order was placed. */
export default class OrderLine extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare orderId: number

  @column()
  declare variantId: number | null

  @column()
  declare productId: number | null

  @column()
  declare sku: string | null

  @column()
  declare title: string

  @column()
  declare variantTitle: string | null

  @column()
  declare quantity: number

  /** the price sold at, tax included when the order's `taxesIncluded` */
  @column()
  declare unitPrice: number

  /**
   * What the shopper was charged for the line: unit price × quantity −
   * discount share, + tax only when prices exclude it. A ledger figure:
   * pages show unit price × quantity (presentOrderSummary), analytics
   * counts `total − taxAmount` as net sales (docs/checkout-and-orders.md).
   */
  @column()
  declare total: number

  /** the tax on the line after its discount: added, or contained in the price when taxes are included */
  @column()
  declare taxAmount: number

  /** this line's share of order-level discounts */
  @column()
  declare discountAmount: number

  @column()
  declare productHandle: string | null

  /** units shipped so far; moved only by a conditional update that keeps it within quantity */
  @column()
  declare fulfilledQuantity: number

  /** units refunded and put back on hand; moved the same way */
  @column()
  declare restockedQuantity: number

  /** Units still to ship (order_rules.unitsToShip). */
  get unitsToShip() {
    return unitsToShip(this)
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Order)
  declare order: BelongsTo<typeof Order>

  @belongsTo(() => Variant)
  declare variant: BelongsTo<typeof Variant>

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>
}
