import type { DriverRegistry } from '#plugin_host/driver_registry'
import { PaymentsPort, type PaymentDriver } from '#plugin_host/extension_points/payments'

/**
 * The PaymentsPort the container hands out: a view of the host's payment
 * registry, so a driver registered after boot (a test's stand-in) is found too.
 */
export class RegisteredPayments extends PaymentsPort {
  constructor(private registry: DriverRegistry<PaymentDriver>) {
    super()
  }

  driver(name?: string) {
    return this.registry.get(name)
  }

  driverNamed(name: string) {
    return this.registry.get(name)
  }

  names() {
    return this.registry.names()
  }
}
