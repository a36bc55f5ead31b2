import { unlink } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import string from '@adonisjs/core/helpers/string'
import { Exception } from '@adonisjs/core/exceptions'
import { BodyParserMiddleware as CoreBodyParser } from '@adonisjs/bodyparser/bodyparser_middleware'
import { UPLOAD_ROUTES } from '#config/bodyparser'

const uploadLimits = new Map(Object.entries(UPLOAD_ROUTES).map(([name, limit]) => [name, Number(string.bytes.parse(limit))]))

/**
 * The framework's body parser, with uploads held to the routes that take
 * files (config/bodyparser.ts). Anything else that sends multipart gets 415
 * before a byte of it is read; an upload route refuses a body over its own
 * limit (by Content-Length, which browsers always send with a form) with
 * 413, also before reading. Files written while a request runs are removed
 * when it ends, on success and on error alike: the controller has read or
 * moved them by then.
 */
export default class BodyParserMiddleware {
  #core?: CoreBodyParser

  async handle(ctx: HttpContext, next: NextFn) {
    this.#core ??= await app.container.make(CoreBodyParser)
    if (!ctx.request.is(['multipart/form-data']) || !ctx.request.hasBody()) return this.#core.handle(ctx, next)

    const limit = uploadLimits.get(ctx.route?.name ?? '')
    if (limit === undefined) {
      throw new Exception('This address does not take file uploads.', { status: 415, code: 'E_UNSUPPORTED_MEDIA_TYPE' })
    }
    const length = Number(ctx.request.header('content-length'))
    if (!Number.isFinite(length) || length <= 0) {
      throw new Exception('An upload must say its size (Content-Length).', { status: 411, code: 'E_LENGTH_REQUIRED' })
    }
    if (length > limit) {
      throw new Exception('That upload is too large.', { status: 413, code: 'E_REQUEST_ENTITY_TOO_LARGE' })
    }
    try {
      return await this.#core.handle(ctx, next)
    } finally {
      await removeTempFiles(ctx)
    }
  }
}

/** Deletes every file the request's multipart body wrote (a moved file is gone already: that miss is ignored). */
async function removeTempFiles(ctx: HttpContext) {
  const paths: string[] = []
  const collect = (entry: unknown) => {
    if (!entry || typeof entry !== 'object') return
    if ('tmpPath' in entry && typeof entry.tmpPath === 'string') paths.push(entry.tmpPath)
    else for (const value of Object.values(entry)) collect(value)
  }
  collect(ctx.request.allFiles())
  await Promise.all(paths.map((path) => unlink(path).catch(() => {})))
}
