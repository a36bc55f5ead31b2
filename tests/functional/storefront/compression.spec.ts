import http from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { test } from '@japa/runner'
import { ProductFactory } from '#database/factories/product_factory'
import { acceptsGzip, preferredEncoding } from '#services/http_compression'

/** A raw GET (fetch would decompress and hide the encoding), answering the raw bytes. */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: Number(process.env.PORT), path, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }))
    })
    request.on('error', reject)
  })
}

test.group('Storefront | compression', () => {
  test('cached catalog pages go out gzipped to clients that ask, with their own ETag; others get plain HTML', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const path = `/products/${product.handle}`
    const plain = await rawGet(path)
    const gzipped = await rawGet(path, { 'accept-encoding': 'gzip, deflate, br' })
    const hit = await rawGet(path, { 'accept-encoding': 'gzip' })

    assert.equal(plain.status, 200)
    assert.isUndefined(plain.headers['content-encoding'])
    assert.equal(gzipped.headers['content-encoding'], 'gzip')
    assert.equal(gunzipSync(gzipped.body).toString(), plain.body.toString())
    assert.isBelow(gzipped.body.length, plain.body.length / 2)
    assert.include(String(gzipped.headers.vary), 'Accept-Encoding')
    assert.notEqual(gzipped.headers.etag, plain.headers.etag)
    assert.equal(hit.headers.etag, gzipped.headers.etag)

    const revalidated = await rawGet(path, { 'accept-encoding': 'gzip', 'if-none-match': String(gzipped.headers.etag) })
    assert.equal(revalidated.status, 304)
    // a plain client never matches the gzip validator
    assert.equal((await rawGet(path, { 'if-none-match': String(gzipped.headers.etag) })).status, 200)
  })

  test('the stylesheet and scripts are gzipped once; images and unknown files are left to the static server', async ({ assert }) => {
    const plain = await rawGet('/css/app.css')
    const gzipped = await rawGet('/css/app.css', { 'accept-encoding': 'gzip' })
    assert.equal(gzipped.status, 200)
    assert.equal(gzipped.headers['content-encoding'], 'gzip')
    assert.match(String(gzipped.headers['content-type']), /^text\/css/)
    assert.equal(gunzipSync(gzipped.body).toString(), plain.body.toString())
    const again = await rawGet('/css/app.css', { 'accept-encoding': 'gzip', 'if-none-match': String(gzipped.headers.etag) })
    assert.equal(again.status, 304)

    const htmx = await rawGet('/vendor/htmx.min.js', { 'accept-encoding': 'gzip' })
    assert.equal(htmx.headers['content-encoding'], 'gzip')
    assert.equal((await rawGet('/css/nope.css', { 'accept-encoding': 'gzip' })).status, 404)
    assert.equal((await rawGet('/css/..%2f..%2fpackage.json', { 'accept-encoding': 'gzip' })).status, 404)
  })

  test('private pages rendered per request (the cart) are compressed too, Brotli first', async ({ assert }) => {
    const plain = await rawGet('/cart')
    const gzipped = await rawGet('/cart', { 'accept-encoding': 'gzip' })
    const brotli = await rawGet('/cart', { 'accept-encoding': 'gzip, deflate, br' })
    assert.equal(plain.status, 200)
    assert.isUndefined(plain.headers['content-encoding'])
    assert.equal(gzipped.headers['content-encoding'], 'gzip')
    assert.equal(brotli.headers['content-encoding'], 'br')
    for (const [page, text] of [[gzipped, gunzipSync(gzipped.body).toString()], [brotli, brotliDecompressSync(brotli.body).toString()]] as const) {
      assert.match(text, /^<!doctype html>/i)
      assert.include(text, '</html>')
      assert.match(String(page.headers['content-type']), /^text\/html/)
      assert.include(String(page.headers.vary), 'Accept-Encoding')
      assert.include(String(page.headers['cache-control']), 'no-store')
      assert.isBelow(page.body.length, plain.body.length / 2)
    }
    // a small answer is sent as it is
    const small = await rawGet('/health/live', { 'accept-encoding': 'gzip, br' })
    assert.isUndefined(small.headers['content-encoding'])
  })

  test('Accept-Encoding is read with its q-values', ({ assert }) => {
    assert.isTrue(acceptsGzip('gzip'))
    assert.isTrue(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1'))
    assert.isTrue(acceptsGzip('*'))
    assert.isFalse(acceptsGzip('gzip;q=0'))
    assert.isFalse(acceptsGzip('br, deflate'))
    assert.isFalse(acceptsGzip(undefined))
    assert.isFalse(acceptsGzip('gzip;q=0, *'))
    assert.equal(preferredEncoding('gzip, deflate, br, zstd'), 'br')
    assert.equal(preferredEncoding('br;q=0, gzip'), 'gzip')
    assert.equal(preferredEncoding('*'), 'gzip')
    assert.isNull(preferredEncoding('identity'))
  })
})
