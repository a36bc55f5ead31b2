import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import ProductImage from '#models/product_image'
import FetchProductImage from '#actions/catalog/fetch_product_image'
import QueueImageFetches from '#actions/catalog/queue_image_fetches'
import { fetchImageJob } from '#jobs/fetch_image_job'
import { ImageDownloadError } from '#import_export/image_download'
import { ProductFactory } from '#database/factories/product_factory'
import { jpegImage, svgWithScript } from '#tests/helpers/images'
import { startImageServer } from '#tests/helpers/image_server'

async function pendingImage(sourceUrl: string) {
  const product = await ProductFactory.with('variants').create()
  return ProductImage.create({ productId: product.id, sourceUrl, alt: 'Imported', position: 1, status: 'pending' })
}

test.group('Images | fetching imported images', (group) => {
  let server: Awaited<ReturnType<typeof startImageServer>>
  group.setup(async () => {
    server = await startImageServer({
      '/photo.jpg': { body: await jpegImage(1400, 1000) },
      '/page.jpg': { type: 'image/jpeg', body: '<!doctype html><html><script>alert(1)</script></html>' },
      '/drawing.jpg': { type: 'image/jpeg', body: svgWithScript },
      '/broken.jpg': { status: 503, body: 'try later' },
      '/slow.jpg': { hang: true },
    })
    return () => server.close()
  })

  test('queued jobs download, check and resize pending images; they become ready with WebP widths', async ({ assert }) => {
    const image = await pendingImage(server.url('/photo.jpg'))
    const missing = await pendingImage(server.url('/gone.jpg'))
    const html = await pendingImage(server.url('/page.jpg'))
    const svg = await pendingImage(server.url('/drawing.jpg'))
    const ids = [image, missing, html, svg].map((row) => row.productId)

    const first = await (await app.container.make(QueueImageFetches)).handle({ productIds: ids })
    assert.equal(first.queued, 4)
    // queued twice before a worker ran: still one job per image
    await (await app.container.make(QueueImageFetches)).handle({ productIds: ids })
    const queue = await app.container.make('stockroom.queue')
    if (queue.driver === 'database') {
      const jobs = await db.from('jobs').where('name', 'catalog.fetch_image').whereIn('payload', [image, missing].map((row) => JSON.stringify({ imageId: row.id }))).count('* as total').first()
      assert.equal(Number(jobs.total), 2)
    }
    await queue.drain(20_000)

    await image.refresh()
    assert.equal(image.status, 'ready')
    assert.include(image, { width: 1400, height: 1000, mimeType: 'image/jpeg' })
    // WebP from the fetch, then AVIF at the same widths from the job it queued
    assert.deepEqual(image.renditions!.map((r) => [r.format ?? 'webp', r.width]), [
      ...[160, 320, 640, 1024, 1400].map((width) => ['webp', width]),
      ...[160, 320, 640, 1024, 1400].map((width) => ['avif', width]),
    ])
    assert.isTrue(existsSync(join(runtime.uploadsDir, image.renditions!.at(-1)!.key)))
    assert.isTrue(existsSync(join(runtime.uploadsDir, image.storageKey!)))
    assert.isTrue(existsSync(join(runtime.uploadsDir, image.renditions![0].key)))
    assert.equal(server.hits.get('/photo.jpg'), 1)

    await missing.refresh()
    assert.equal(missing.status, 'failed')
    assert.equal(missing.error, 'The server answered 404 Not Found')
    await html.refresh()
    assert.equal(html.status, 'failed')
    assert.equal(html.error, 'The file is not a JPEG, PNG, WebP, AVIF or GIF image.')
    await svg.refresh()
    assert.equal(svg.status, 'failed')
    assert.include(svg.error!, 'SVG images are not accepted')
    assert.isNull(svg.storageKey)
  }).timeout(30_000)

  test('a failed image can be retried: a new round, a new job', async ({ assert }) => {
    const image = await pendingImage(server.url('/later.jpg'))
    const queue = await app.container.make('stockroom.queue')
    await (await app.container.make(QueueImageFetches)).handle({ productIds: [image.productId] })
    await queue.drain(20_000)
    await image.refresh()
    assert.equal(image.status, 'failed')

    server.routes['/later.jpg'] = { body: await jpegImage(300, 200) }
    const retry = await (await app.container.make(QueueImageFetches)).handle({ productIds: [image.productId], retryFailed: true })
    assert.deepInclude(retry, { queued: 1, retried: 1 })
    await queue.drain(20_000)
    await image.refresh()
    assert.equal(image.status, 'ready')
    assert.isNull(image.error)
    assert.deepEqual(image.renditions!.filter((r) => !r.format).map((r) => r.width), [160, 300])
  }).timeout(30_000)

  test('passing failures are thrown for a retry; the last attempt marks the image failed', async ({ assert }) => {
    const unavailable = await pendingImage(server.url('/broken.jpg'))
    const fetcher = await app.container.make(FetchProductImage)
    await assert.rejects(() => fetcher.handle(unavailable.id), /503/)
    await unavailable.refresh()
    assert.equal(unavailable.status, 'pending')

    const slow = await pendingImage(server.url('/slow.jpg'))
    const error = await fetcher.handle(slow.id, { timeoutMs: 300 }).catch((caught) => caught)
    assert.instanceOf(error, ImageDownloadError)
    assert.isFalse(error.permanent)
    assert.include(error.message, 'No complete answer within 0.3 s')

    await fetchImageJob().failed!({ imageId: unavailable.id }, new Error('The server answered 503 Service Unavailable'))
    await unavailable.refresh()
    assert.equal(unavailable.status, 'failed')
    assert.equal(unavailable.error, 'The server answered 503 Service Unavailable')
  }).timeout(30_000)

  test('a download over the byte limit is refused, and an image that is no longer pending is skipped', async ({ assert }) => {
    const big = await pendingImage(server.url('/photo.jpg'))
    const fetcher = await app.container.make(FetchProductImage)
    assert.equal(await fetcher.handle(big.id, { maxBytes: 1000 }), 'failed')
    await big.refresh()
    assert.match(big.error!, /^The image is (over )?\d+ KB; at most 1 KB is fetched$/)
    assert.equal(await fetcher.handle(big.id), 'skipped')
  }).timeout(30_000)
})
