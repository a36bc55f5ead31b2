import { Exception } from '@adonisjs/core/exceptions'

/**
 * A service a page needs is away (Redis, for the back-office's sessions):
 * answered with a 503 page in words and a Retry-After (#exceptions/handler),
 * logged as a warning, not as a crash.
 */
export class ServiceUnavailable extends Exception {
  static status = 503
  static code = 'E_SERVICE_UNAVAILABLE'
}
