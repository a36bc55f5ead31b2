import { test } from '@japa/runner'
import sharp from 'sharp'
import ProductImage from '#models/product_image'
import { ProductFactory } from '#database/factories/product_factory'
import { extractCsrfToken } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { htmlPolyglot } from '#tests/helpers/images'
import { IMAGE_LIMITS } from '#catalog/image_processing'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** An SVG that is also an HTML page: script in both readings. */
const svgHtmlPolyglot = Buffer.from(
  '<!DOCTYPE html><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(document.cookie)</script></svg><html><body><script>alert(2)</script></body></html>'
)

test.group('Security | catalog uploads are checked by content and size', (group) => {
  group.each.setup(() => clearRateLimits())

  test('polyglots named as images, a pixel bomb and an oversized file are refused; nothing is stored', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const { agent } = await signedInStaff('catalog_manager')
    const upload = async (name: string, bytes: Buffer, type: string) => {
      const form = new FormData()
      form.append('_csrf', extractCsrfToken((await agent.get(`/admin/products/${product.id}/edit`)).text)!)
      form.append('images[]', new Blob([new Uint8Array(bytes)], { type }), name)
      const response = await fetch(new URL(`/admin/products/${product.id}/images`, agent.baseUrl), {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { 'accept': 'text/html', 'hx-request': 'true', 'cookie': [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      })
      return { status: response.status, text: await response.text() }
    }

    const svg = await upload('avatar.png', svgHtmlPolyglot, 'image/png')
    assert.equal(svg.status, 422)
    assert.include(svg.text, 'avatar.png: ')
    const gif = await upload('banner.gif', htmlPolyglot, 'image/gif')
    assert.equal(gif.status, 422)
    assert.include(gif.text, 'banner.gif: ')

    // 48 megapixels of one colour: a small file that would decode to ~150 MB
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#888' } }).png().toBuffer()
    const pixels = await upload('bomb.png', bomb, 'image/png')
    assert.equal(pixels.status, 422)
    assert.include(pixels.text, '8000×6000')

    const huge = Buffer.concat([await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).jpeg().toBuffer(), Buffer.alloc(IMAGE_LIMITS.maxBytes)])
    const bytes = await upload('huge.jpg', huge, 'image/jpeg')
    assert.oneOf(bytes.status, [413, 422])
    assert.match(bytes.text, /20 MB|too large/i)

    assert.lengthOf(await ProductImage.query().where('product_id', product.id), 0)
    for (const answer of [svg, gif, pixels, bytes]) assert.notInclude(answer.text, '<script>alert')
  }).timeout(60_000)
})
