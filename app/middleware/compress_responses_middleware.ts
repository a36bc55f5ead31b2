import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { preferredEncoding } from '#services/http_compression'

/** Smaller answers gain nothing (a packet either way). */
const MIN_BYTES = 1024

/** Fast settings: a 40 KB page takes well under a millisecond, off the main thread. */
const compressors = {
  br: (body: string) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body: string) => promisify(gzip)(body, { level: 6 }),
}

/**
 * Compresses rendered pages that are not served from the page cache: the
 * cart, checkout, account and back-office pages, errors. They are private and
 * rendered per request, so each is compressed as it goes out (the page
 * cache compresses its public pages once, when it stores them, and files
 * in public/ are compressed once per version). Only text bodies of 1 KB or
 * more, and never an answer that is already encoded, a stream or a file.
 *
 * BREACH (guessing a secret from compressed sizes) needs a secret that is
 * the same in every response: the CSRF token shield prints is salted afresh
 * for each request, and session ids travel only in cookies.
 */
export default class CompressResponsesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    const { request, response } = ctx
    if (request.method() === 'HEAD' || response.getHeader('Content-Encoding')) return
    const content = response.lazyBody.content
    // [body, generateEtag, jsonpCallback]: a JSONP answer is left as it is
    if (!content || content[2] || typeof content[0] !== 'string') return
    const body: string = content[0]
    if (Buffer.byteLength(body) < MIN_BYTES || /\bno-transform\b/.test(String(response.getHeader('Cache-Control') ?? ''))) return
    const status = response.getStatus()
    if (status < 200 || status === 204 || status === 304) return
    const encoding = preferredEncoding(request.header('Accept-Encoding'))
    if (!encoding) return

    // the type Adonis would give the text, which it cannot tell from compressed bytes
    if (!response.getHeader('Content-Type')) {
      response.header('Content-Type', `${/^\s*</.test(body) ? 'text/html' : 'text/plain'}; charset=utf-8`)
    }
    const etag = response.getHeader('ETag')
    if (typeof etag === 'string') response.header('ETag', etag.replace(/"$/, `-${encoding}"`))
    response.append('Vary', 'Accept-Encoding')
    response.header('Content-Encoding', encoding)
    response.send(await compressors[encoding](body), content[1])
  }
}
