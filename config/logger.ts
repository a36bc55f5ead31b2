import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'
import { HttpContext } from '@adonisjs/core/http'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'stockroom',
      level: env.get('LOG_LEVEL', app.inTest ? 'silent' : 'info'),
      /*
      | ctx.logger's lines carry the request id (X-Request-Id) already; a line
      | written with the logger service while a request runs (a controller,
      | an action, a listener) gets it here, from the request's context.
      */
      mixin(_entry: object, _level: number, logger: { bindings(): Record<string, unknown> }) {
        const ctx = HttpContext.get()
        if (!ctx || 'request_id' in logger.bindings()) return {}
        return { request_id: ctx.request.id() }
      },
      redact: {
        // every spelling of a secret our forms and payloads use, at the top level and one level down
        paths: [
          'password', '*.password', 'current_password', '*.current_password', 'password_confirmation', '*.password_confirmation',
          'token', '*.token', 'sealedToken', '*.sealedToken', '_csrf', '*._csrf',
          'headers.cookie', 'headers.authorization', 'headers["x-csrf-token"]', 'headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      transport: {
        targets: targets()
          .pushIf(!app.inProduction && !app.inTest, targets.pretty())
          .pushIf(app.inProduction || app.inTest, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
