import { test } from '@japa/runner'
import sharp from 'sharp'
import {
  IMAGE_LIMITS,
  ImageRejectedError,
  RENDITION_WIDTHS,
  encodeAvif,
  inspectImage,
  processImage,
  renditionWidths,
} from '#catalog/image_processing'
import { htmlPolyglot, jpegImage, pngImage, svgWithScript, truncatedJpeg } from '#tests/helpers/images'

async function rejection(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof ImageRejectedError) return error
    throw error
  }
  throw new Error('expected the image to be refused')
}

test.group('Images | processing', () => {
  test('a large JPEG becomes WebP at every width, each really that wide and WebP', async ({ assert }) => {
    const processed = await processImage(await jpegImage(2400, 1600))
    assert.deepEqual(processed.renditions.map((r) => r.width), RENDITION_WIDTHS)
    for (const rendition of processed.renditions) {
      const meta = await sharp(rendition.buffer).metadata()
      assert.equal(meta.format, 'webp')
      assert.equal(meta.width, rendition.width)
      assert.equal(rendition.height, Math.round((rendition.width * 1600) / 2400))
    }
    assert.include(processed.original, { format: 'jpeg', ext: 'jpg', mime: 'image/jpeg', width: 2400, height: 1600 })
  })

  test('never upscales: a small image stops at its own width', async ({ assert }) => {
    assert.deepEqual(renditionWidths(800), [160, 320, 640, 800])
    assert.deepEqual(renditionWidths(100), [100])
    assert.deepEqual(renditionWidths(1600), RENDITION_WIDTHS)
    const processed = await processImage(await pngImage(500, 300))
    assert.deepEqual(processed.renditions.map((r) => [r.width, r.height]), [[160, 96], [320, 192], [500, 300]])
    assert.equal(processed.original.mime, 'image/png')
  })

  test('EXIF orientation is applied: a portrait photo stored sideways comes out portrait', async ({ assert }) => {
    const processed = await processImage(await jpegImage(1200, 800, { orientation: 6 }))
    assert.include(processed.original, { width: 800, height: 1200 })
    assert.deepEqual(processed.renditions.at(-1)!.width, 800)
    assert.deepEqual(processed.renditions.at(-1)!.height, 1200)
  })

  test('identifies by content: an SVG or HTML named .jpg is refused', async ({ assert }) => {
    const svg = await rejection(processImage(svgWithScript))
    assert.equal(svg.reason, 'unsupported')
    assert.include(svg.message, 'SVG images are not accepted')
    const html = await rejection(processImage(htmlPolyglot))
    assert.equal(html.reason, 'unsupported')
    assert.include(html.message, 'not a JPEG, PNG, WebP, AVIF or GIF image')
    const text = await rejection(processImage(Buffer.from('just some text, name says photo.png')))
    assert.equal(text.reason, 'unsupported')
  })

  test('a damaged (cut short) JPEG gets a clear error', async ({ assert }) => {
    const error = await rejection(processImage(await truncatedJpeg()))
    assert.equal(error.reason, 'unreadable')
    assert.include(error.message, 'could not be read')
  })

  test('refuses files over the byte limit and images over the pixel limit, before decoding', async ({ assert }) => {
    const huge = Buffer.alloc(IMAGE_LIMITS.maxBytes + 1)
    const bytes = await rejection(inspectImage(huge))
    assert.equal(bytes.reason, 'too_large')
    assert.include(bytes.message, 'at most 20 MB')

    // 8000×6000 = 48 MP of a flat colour: a small file, a big decode
    const wide = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#888' } }).png().toBuffer()
    assert.isBelow(wide.length, IMAGE_LIMITS.maxBytes)
    const pixels = await rejection(processImage(wide))
    assert.equal(pixels.reason, 'too_many_pixels')
    assert.include(pixels.message, '8000×6000')
  })

  test('AVIF copies (made later by a job) come at the given widths, upright', async ({ assert }) => {
    const encoded = await encodeAvif(await jpegImage(1200, 800, { orientation: 6 }), [160, 320, 800])
    assert.deepEqual(encoded.renditions.map((r) => [r.width, r.height]), [[160, 240], [320, 480], [800, 1200]])
    for (const rendition of encoded.renditions) {
      const meta = await sharp(rendition.buffer).metadata()
      assert.equal(meta.format, 'heif')
      assert.equal(meta.compression, 'av1')
    }
  })

  test('a 12 MP photo gets every width', async ({ assert }) => {
    const photo = await jpegImage(4000, 3000)
    const processed = await processImage(photo)
    assert.deepEqual(processed.renditions.map((rendition) => rendition.width), [...RENDITION_WIDTHS])
    // its time (about 0.5 s on an idle core) is measured by npm run bench:tasks, not timed here
  }).timeout(20_000)
})
