import { test } from '@japa/runner'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import runtime from '#config/runtime'
import UploadProductImages from '#actions/catalog/upload_product_images'
import AddAvifRenditions from '#actions/catalog/add_avif_renditions'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { jpegImage, pngImage } from '#tests/helpers/images'

const actor = { type: 'system' as const }

function asUpload(name: string, bytes: Buffer) {
  return { fileName: name, size: bytes.length, read: async () => bytes }
}

/** Every <img …> tag of a page. */
function imgTags(html: string) {
  return [...html.matchAll(/<img\b[^>]*>/g)].map((match) => match[0])
}

test.group('Storefront | product images', () => {
  test('an uploaded JPEG is served as WebP with srcset, sizes and its size, then AVIF; the first eager, the rest lazy', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const agent = new HttpAgent()
    const before = await agent.get(`/products/${product.handle}`)
    assert.include(before.text, 'No photo yet') // now cached

    const result = await new UploadProductImages().handle(
      product.id,
      [asUpload('front.jpg', await jpegImage(2400, 1600)), asUpload('side.png', await pngImage(500, 500))],
      actor
    )
    assert.lengthOf(result.added, 2)
    const [front, side] = result.added

    const page = await agent.get(`/products/${product.handle}`)
    const [main, thumb] = imgTags(page.text).filter((tag) => tag.includes('data-image-id'))
    const key = (width: number, image = front) => image.renditions!.find((r) => r.width === width)!.key
    assert.include(main, `src="/media/${key(640)}"`)
    assert.include(
      main,
      `srcset="${[160, 320, 640, 1024, 1600].map((width) => `/media/${key(width)} ${width}w`).join(', ')}"`
    )
    assert.include(main, 'sizes="(min-width: 72rem) 38rem, (min-width: 48rem) 52vw, 100vw"')
    assert.include(main, 'width="1600"')
    assert.include(main, 'height="1067"')
    assert.include(main, 'fetchpriority="high"')
    assert.notInclude(main, 'loading="lazy"')
    assert.include(thumb, `srcset="/media/${key(160, side)} 160w, /media/${key(320, side)} 320w, /media/${key(500, side)} 500w"`)
    assert.include(thumb, 'loading="lazy"')
    assert.include(thumb, 'decoding="async"')
    assert.include(thumb, 'width="500"')

    // link previews get the widest copy
    assert.include(page.text, `<meta property="og:image" content="http://127.0.0.1:${new URL(agent.baseUrl).port}/media/${key(1600)}"`)

    const webp = await fetch(new URL(`/media/${key(1024)}`, agent.baseUrl))
    assert.equal(webp.headers.get('content-type'), 'image/webp')
    assert.equal(Buffer.from(await webp.arrayBuffer()).subarray(8, 12).toString(), 'WEBP')

    // the AVIF job adds a <source> in front of the WebP <img>, and the page is dropped from the cache
    assert.notInclude(page.text, 'image/avif')
    assert.equal(await new AddAvifRenditions().handle(front.id), 'added')
    assert.equal(await new AddAvifRenditions().handle(front.id), 'skipped')
    await front.refresh()
    const avif = front.renditions!.filter((r) => r.format === 'avif')
    assert.deepEqual(avif.map((r) => r.width), [160, 320, 640, 1024, 1600])
    const withAvif = await agent.get(`/products/${product.handle}`)
    assert.include(
      withAvif.text,
      `<source type="image/avif" srcset="${avif.map((r) => `/media/${r.key} ${r.width}w`).join(', ')}" sizes="(min-width: 72rem) 38rem, (min-width: 48rem) 52vw, 100vw">`
    )
    const avifFile = await fetch(new URL(`/media/${avif[0].key}`, agent.baseUrl))
    assert.equal(avifFile.headers.get('content-type'), 'image/avif')
  }).timeout(30_000)

  test('cards use the WebP srcset; demo placeholders and pending imports keep rendering', async ({ assert }) => {
    const title = `Srcset mug ${Date.now()}`
    const uploaded = await ProductFactory.merge({ title }).with('variants').create()
    await new UploadProductImages().handle(uploaded.id, [asUpload('mug.jpg', await jpegImage(1200, 1200))], actor)

    // like the demo catalog: an imported (pending) picture first, a placeholder WebP after it
    const placeholderKey = `products/${Date.now()}-test/placeholder.webp`
    await mkdir(join(runtime.uploadsDir, placeholderKey, '..'), { recursive: true })
    await writeFile(join(runtime.uploadsDir, placeholderKey), await pngImage(10, 10))
    const demo = await ProductFactory.merge({ title: `${title} demo` })
      .with('variants')
      .with('images', 2, (image) =>
        image.merge([
          { position: 1, status: 'pending', sourceUrl: 'https://example.com/a.jpg' },
          { position: 2, status: 'ready', storageKey: placeholderKey, sourceUrl: null, width: 800, height: 800, alt: 'Placeholder' },
        ])
      )
      .create()
    const pendingOnly = await ProductFactory.merge({ title: `${title} pending` }).with('variants').with('images').create()

    const page = await new HttpAgent().get(`/search?q=${encodeURIComponent(title)}`)
    assert.equal(page.status, 200)
    const card = (handle: string) => {
      const start = page.text.indexOf(`href="/products/${handle}"`)
      return start === -1 ? '' : page.text.slice(start, page.text.indexOf('</a>', start))
    }
    assert.match(card(uploaded.handle), /srcset="\/media\/products\/\d+\/[0-9a-f]+\/w160\.webp 160w, .* 1200w"/)
    assert.include(card(uploaded.handle), 'sizes="(min-width: 48rem) 17rem, 46vw"')
    assert.include(card(uploaded.handle), 'width="1200"')
    assert.include(card(demo.handle), `src="/media/${placeholderKey}" alt="Placeholder"`)
    assert.notInclude(card(demo.handle), 'srcset')
    assert.include(card(pendingOnly.handle), 'class="image-placeholder"')

    const demoPage = await new HttpAgent().get(`/products/${demo.handle}`)
    assert.include(demoPage.text, `src="/media/${placeholderKey}"`)
    const pendingPage = await new HttpAgent().get(`/products/${pendingOnly.handle}`)
    assert.include(pendingPage.text, 'Photos on their way')
  }).timeout(30_000)
})
