/**
 * A setting the operator must fix before Stockroom can start: a bad
 * environment variable or plugin list. The message is the whole story (what
 * is wrong, what to set), so commands print it as one line rather than the
 * framework's stack page, which wraps after every word when output goes to a
 * pipe or a log. Servers and workers print it through `printFatalError`.
 */
export class ConfigurationError extends Error {
  name = 'ConfigurationError'

  /** Called by ace's error handler in place of its stack page. */
  render(error: ConfigurationError, kernel: { ui: { logger: { logError(message: string): void } } }) {
    kernel.ui.logger.logError(error.message)
  }
}
