import { randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import Cart from '#models/cart'
import type { OrderAddress } from '#models/order'
import { ProductFactory } from '#database/factories/product_factory'
import { dbTimestamp } from '#services/db_time'

/**
 * Fixtures for checkout tests: stocked variants, a shipping zone with one
 * method, carts with lines, addresses. Each test uses a country of its own
 * for zones and tax rates, since the database is shared by every test.
 */
export async function inventory() {
  return app.container.make(InventoryPort)
}

/** One product whose variants have these prices and stock (null = untracked). */
export async function stockedVariants(variants: Array<{ price: number; stock: number | null; title?: string }>) {
  const product = await ProductFactory.with('variants', variants.length).create()
  const port = await inventory()
  for (const [index, spec] of variants.entries()) {
    const variant = product.variants[index]
    variant.price = spec.price
    variant.trackInventory = spec.stock !== null
    if (spec.title) variant.merge({ title: spec.title, option1: spec.title })
    await variant.save()
    if (spec.stock) await port.adjust({ variantId: variant.id, delta: spec.stock, reason: 'received', actor: 'test' })
  }
  return { product, variants: product.variants }
}

/** A zone for `country` with one flat-rate method; answers the method id. */
export async function flatShipping(country: string, amount: number, name = 'Standard') {
  const now = dbTimestamp()
  const [zone] = await db
    .table('shipping_zones')
    .insert({ name: `Zone ${country} ${randomBytes(2).toString('hex')}`, countries: JSON.stringify([country]), created_at: now, updated_at: now })
    .returning('id')
  const zoneId = Number(typeof zone === 'object' ? zone.id : zone)
  const [method] = await db
    .table('shipping_methods')
    .insert({ zone_id: zoneId, name, kind: 'flat', amount, position: 1, active: true, created_at: now, updated_at: now })
    .returning('id')
  return Number(typeof method === 'object' ? method.id : method)
}

/** A tax rate for a whole country (basis points), unless one exists already. */
export async function taxRate(country: string, rate: number, options: { included?: boolean; shipping?: boolean } = {}) {
  const now = dbTimestamp()
  await db
    .table('tax_rates')
    .insert({
      country_code: country,
      region: '',
      name: `Tax ${country}`,
      rate,
      prices_include_tax: options.included ?? false,
      shipping_taxable: options.shipping ?? false,
      created_at: now,
      updated_at: now,
    })
    .knexQuery.onConflict(['country_code', 'region'])
    .ignore()
}

/** A cart holding these lines at their current prices. */
export async function cartWith(lines: Array<{ variantId: number; quantity: number; price: number }>, extra: Partial<Cart> = {}) {
  const cart = await Cart.create({ token: randomBytes(24).toString('base64url'), currency: 'USD', ...extra })
  await cart.related('lines').createMany(
    lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity, unitPriceAtAdd: line.price }))
  )
  return cart
}

export function testAddress(countryCode: string, overrides: Partial<OrderAddress> = {}): OrderAddress {
  return {
    firstName: 'Grace',
    lastName: 'Hopper',
    company: null,
    line1: '1 Compiler Way',
    line2: null,
    city: 'Arlington',
    region: null,
    postalCode: '12345',
    countryCode,
    phone: null,
    ...overrides,
  }
}

export function checkoutToken() {
  return randomBytes(18).toString('base64url')
}

export async function stockLevel(variantId: number) {
  const rows = await db.from('inventory_levels').where('variant_id', variantId)
  return {
    onHand: rows.reduce((sum, row) => sum + Number(row.on_hand), 0),
    reserved: rows.reduce((sum, row) => sum + Number(row.reserved), 0),
  }
}

/** The ledger's running sum for a variant: must equal its on-hand stock. */
export async function ledgerSum(variantId: number) {
  const row = await db.from('inventory_movements').where('variant_id', variantId).sum('delta as total').first()
  return Number(row?.total ?? 0)
}
