import logger from '@adonisjs/core/services/logger'
import Variant from '#models/variant'
import StaffUser from '#models/staff_user'
import type { Notifier } from '#plugin_host/extension_points/notifications'
import type { DomainEvents } from '#events/domain_events'
import { emailUrl, renderEmail } from '../emails/render.js'
import { plural } from '#services/plural'

export const LOW_STOCK_TEMPLATE = 'low_stock'

/** Staff who restock get the alert: their role may change inventory. */
export const LOW_STOCK_PERMISSION = 'inventory.write'

/**
 * StockLow → one email per staff recipient: the configured `staffAlertsTo`
 * addresses, else every active staff member whose role allows
 * `inventory.write`. Each recipient has their own idempotency key, so a
 * retry after one address failed mails only the ones still missing.
 */
export async function sendLowStockEmails(
  notifier: Notifier,
  payload: DomainEvents['StockLow'],
  meta: { eventId: number; attempt: number },
  options: { staffAlertsTo?: string[] } = {}
): Promise<Array<{ id: string }>> {
  const variant = await Variant.query().where('id', payload.variantId).preload('product').first()
  if (!variant) {
    logger.warn({ variantId: payload.variantId }, 'no low-stock email: the variant no longer exists')
    return []
  }
  const recipients = options.staffAlertsTo?.length ? options.staffAlertsTo : await inventoryStaffEmails()
  if (recipients.length === 0) {
    logger.warn({ variantId: variant.id }, 'no low-stock email: no staff member may manage inventory and staffAlertsTo is unset')
    return []
  }

  const productTitle = variant.product?.title ?? 'Product'
  const title = variant.title && variant.title !== 'Default' ? variant.title : 'Default'
  const data = {
    variant: {
      label: [productTitle, title !== 'Default' ? `(${title})` : '', variant.sku ? `– ${variant.sku}` : ''].filter(Boolean).join(' '),
      productTitle,
      title,
      sku: variant.sku,
      available: payload.available,
      threshold: payload.threshold,
      adminUrl: emailUrl(`/admin/products/${variant.productId}/edit`),
    },
  }
  const { html, text } = await renderEmail(LOW_STOCK_TEMPLATE, data)
  const subject = `Low stock: ${variant.sku ?? productTitle} (${payload.available} left)`

  const sent: Array<{ id: string }> = []
  const failures: Error[] = []
  for (const to of [...new Set(recipients.map((address) => address.toLowerCase()))]) {
    try {
      sent.push(
        await notifier.send({ to, subject, html, text, template: LOW_STOCK_TEMPLATE, idempotencyKey: `stock-low:${meta.eventId}:${to}` })
      )
    } catch (error) {
      failures.push(error as Error)
    }
  }
  // the others went out; throwing makes the job retry only the missing ones
  if (failures.length) throw new AggregateError(failures, `${plural(failures.length, 'low-stock email')} failed: ${failures[0].message}`)
  return sent
}

/** Active staff whose role allows managing inventory, by email. */
async function inventoryStaffEmails(): Promise<string[]> {
  const staff = await StaffUser.query().where('is_active', true).whereNotNull('role_id').preload('role')
  return staff.filter((member) => member.role?.allows(LOW_STOCK_PERMISSION)).map((member) => member.email)
}
