import type { HttpContext } from '@adonisjs/core/http'
import { handlePaymentWebhook } from '#actions/payments/handle_payment_webhook'
import { InvalidWebhookError } from '#plugin_host/extension_points/payments'

/**
 * `POST /webhooks/payments/:provider`. No session and no CSRF token (the
 * provider is not a browser); the driver verifies the signature over the
 * raw body instead. Bad signature: 400, nothing written. Anything else
 * that fails answers 500 so the provider retries; a replay changes nothing.
 */
export default class PaymentWebhooksController {
  async handle({ params, request, response, logger }: HttpContext) {
    const { default: pluginHost } = await import('#services/plugin_host')
    if (!pluginHost.payments.has(params.provider)) return response.notFound({ error: 'Unknown payment provider' })
    const driver = await pluginHost.payment(params.provider)
    try {
      const { event, outcome } = await handlePaymentWebhook(driver, request.raw() ?? '', request.headers())
      logger.info({ provider: driver.name, eventId: event.id, type: event.type, outcome }, 'payment webhook')
      return response.ok({ received: true, outcome })
    } catch (error) {
      if (error instanceof InvalidWebhookError) {
        logger.warn({ provider: driver.name, reason: error.message }, 'payment webhook rejected')
        return response.badRequest({ error: 'Invalid signature' })
      }
      throw error
    }
  }
}
