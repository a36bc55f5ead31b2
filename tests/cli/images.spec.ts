import { test } from '@japa/runner'
import ProductImage from '#models/product_image'
import Product from '#models/product'
import { cli, tempFile } from '#tests/cli/helpers'
import { jpegImage } from '#tests/helpers/images'
import { startImageServer } from '#tests/helpers/image_server'

test.group('CLI | images', (group) => {
  let server: Awaited<ReturnType<typeof startImageServer>>
  group.setup(async () => {
    server = await startImageServer({ '/front.jpg': { body: await jpegImage(900, 600) }, '/back.jpg': { body: await jpegImage(500, 500) } })
    return () => server.close()
  })

  test('import --images download queues the added images; fetch-pending --wait works them and reports', async ({ assert }) => {
    const handle = `cli-img-${Date.now()}`
    const csv = tempFile(
      `${handle}.csv`,
      [
        'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Variant SKU,Variant Price,Image Src,Image Position,Image Alt Text',
        `${handle},Camp Mug,<p>Enamel.</p>,Harbor,Mugs,,true,${handle}-1,12.00,${server.url('/front.jpg')},1,Mug front`,
        `${handle},,,,,,,,,${server.url('/back.jpg')},2,Mug back`,
        `${handle},,,,,,,,,${server.url('/missing.jpg')},3,Mug gone`,
      ].join('\n')
    )
    const imported = await cli('import', 'products', csv, '--images', 'download', '--json')
    assert.equal(imported.code, 0, imported.stderr)
    assert.deepInclude(imported.json(), { created: 1, imagesQueued: 3 })

    const fetched = await cli('images', 'fetch-pending', '--product', handle, '--wait', '--json')
    assert.equal(fetched.code, 1, 'an image failed')
    assert.deepEqual(fetched.json(), { queued: 3, retried: 0, outcome: { ready: 2, failed: 1, pending: 0 } })
    assert.equal(server.hits.get('/front.jpg'), 1, 'the queued job and the second request are one download')

    const product = await Product.findByOrFail('handle', handle)
    const images = await ProductImage.query().where('product_id', product.id).orderBy('position')
    assert.deepEqual(images.map((image) => [image.alt, image.status, image.width]), [
      ['Mug front', 'ready', 900],
      ['Mug back', 'ready', 500],
      ['Mug gone', 'failed', null],
    ])
    assert.deepEqual(images[0].renditions!.filter((r) => !r.format).map((r) => r.width), [160, 320, 640, 900])

    const again = await cli('images', 'fetch-pending', '--product', handle)
    assert.equal(again.code, 0)
    assert.include(again.stdout, 'Queued 0 image fetches')
  }).timeout(60_000)

  test('fetch-pending refuses an unknown product handle with exit code 2', async ({ assert }) => {
    const result = await cli('images', 'fetch-pending', '--product', 'no-such-product-anywhere')
    assert.equal(result.code, 2)
    assert.include(result.stderr, 'No product with handle no-such-product-anywhere')
  })
})
