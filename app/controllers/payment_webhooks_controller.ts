import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import HandlePaymentWebhook from '#actions/payments/handle_payment_webhook'
import { InvalidWebhookError, PaymentsPort } from '#plugin_host/extension_points/payments'

/**
 * `webhooks.payments`: POST /webhooks/payments/:provider, `:provider` being
 * a registered driver's name. No session and no CSRF token (the provider
 * is not a browser); the driver verifies the signature over the raw body
 * instead. Bad signature: 400, nothing written. Anything else that fails
 * answers 500 so the provider retries; a replay changes nothing.
 */
export default class PaymentWebhooksController {
  @inject()
  async handle({ params, request, response, logger }: HttpContext, payments: PaymentsPort, handleWebhook: HandlePaymentWebhook) {
    if (!payments.names().includes(params.provider)) return response.notFound({ error: 'Unknown payment provider' })
    const driver = await payments.driverNamed(params.provider)
    try {
      const { event, outcome } = await handleWebhook.handle(driver, request.raw() ?? '', request.headers())
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
