import { Writable } from 'node:stream'
import { test } from '@japa/runner'
import { Logger } from '@adonisjs/core/logger'
import { HttpContext } from '@adonisjs/core/http'
import testUtils from '@adonisjs/core/services/test_utils'
import loggerConfig from '#config/logger'

/** A logger built from config/logger.ts, writing into `lines`. */
function capturingLogger(lines: Array<Record<string, unknown>>) {
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) })
  const { mixin } = loggerConfig.loggers.app
  return new Logger({ enabled: true, level: 'info', mixin, desination: sink } as any)
}

test.group('Observability | request ids in logs', () => {
  test('a line written with the logger service while a request runs carries its request id, once', async ({ assert }) => {
    const lines: Array<Record<string, unknown>> = []
    const logger = capturingLogger(lines)
    const ctx = await testUtils.createHttpContext()
    ctx.request.request.headers['x-request-id'] = 'req-log-h5'

    // HttpContext.get() reads the request's async context; stand in for it
    const original = HttpContext.get
    HttpContext.get = () => ctx
    try {
      logger.info('from an action')
      logger.child({ request_id: ctx.request.id() }).info('from ctx.logger')
    } finally {
      HttpContext.get = original
    }
    logger.info('outside any request')

    assert.equal(lines[0].request_id, 'req-log-h5')
    assert.equal(lines[1].request_id, 'req-log-h5')
    assert.equal(JSON.stringify(lines[1]).split('request_id').length - 1, 1, 'not written twice')
    assert.notProperty(lines[2], 'request_id')
  })
})
