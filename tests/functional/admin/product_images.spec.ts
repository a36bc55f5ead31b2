import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import runtime from '#config/runtime'
import ProductImage from '#models/product_image'
import Variant from '#models/variant'
import AuditLog from '#models/audit_log'
import DeleteProducts from '#actions/catalog/delete_products'
import { ProductFactory } from '#database/factories/product_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { extractCsrfToken, type HttpAgent } from '#tests/helpers/http_agent'
import { jpegImage, pngImage, svgWithScript } from '#tests/helpers/images'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { renderPlaceholders } from '#database/seeders/demo/placeholder_images'

interface UploadFile {
  name: string
  bytes: Buffer
  type: string
}

/** Posts the editor's upload form as multipart, the way a browser sends <input type="file" multiple>. */
async function upload(agent: HttpAgent, productId: number, files: UploadFile[], headers: Record<string, string> = {}) {
  const editor = await agent.get(`/admin/products/${productId}/edit`)
  const form = new FormData()
  form.append('_csrf', extractCsrfToken(editor.text) ?? '')
  for (const file of files) form.append('images[]', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  const response = await fetch(new URL(`/admin/products/${productId}/images`, agent.baseUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { accept: 'text/html', cookie: [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; '), ...headers },
  })
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const index = pair.indexOf('=')
    agent.cookies.set(pair.slice(0, index), pair.slice(index + 1))
  }
  return { status: response.status, location: response.headers.get('location'), text: await response.text() }
}

/** Submits one of the panel's small forms (alt text, move, delete) with the editor's CSRF token. */
async function panelForm(agent: HttpAgent, productId: number, action: string, form: Record<string, string>, headers?: Record<string, string>) {
  const editor = await agent.get(`/admin/products/${productId}/edit`)
  return agent.post(action, { _csrf: extractCsrfToken(editor.text)!, ...form }, headers)
}

async function imagesOf(productId: number) {
  return ProductImage.query().where('product_id', productId).orderBy('position').orderBy('id')
}

test.group('Admin | product images', (group) => {
  group.each.setup(() => clearRateLimits())

  test('uploads several images without JavaScript: checked, resized to WebP, stored, audited', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const { agent, staff } = await signedInStaff('catalog_manager')

    const response = await upload(agent, product.id, [
      { name: 'front.jpg', bytes: await jpegImage(1800, 1200), type: 'image/jpeg' },
      { name: 'back.png', bytes: await pngImage(700, 700), type: 'image/png' },
    ])
    assert.equal(response.status, 303)
    assert.equal(response.location, `/admin/products/${product.id}/edit#images`)

    const images = await imagesOf(product.id)
    assert.lengthOf(images, 2)
    assert.deepEqual(images.map((image) => [image.position, image.width, image.height, image.mimeType, image.status]), [
      [1, 1800, 1200, 'image/jpeg', 'ready'],
      [2, 700, 700, 'image/png', 'ready'],
    ])
    assert.deepEqual(images[0].renditions!.map((r) => r.width), [160, 320, 640, 1024, 1600])
    assert.deepEqual(images[1].renditions!.map((r) => r.width), [160, 320, 640, 700])
    assert.isAbove(images[0].byteSize!, 0)
    for (const key of [images[0].storageKey!, ...images[0].renditions!.map((r) => r.key)]) {
      assert.isTrue(existsSync(join(runtime.uploadsDir, key)), key)
    }

    // the WebP copy is served from /media with its type
    const webp = await fetch(new URL(`/media/${images[0].renditions![2].key}`, agent.baseUrl))
    assert.equal(webp.status, 200)
    assert.equal(webp.headers.get('content-type'), 'image/webp')

    const audit = await AuditLog.query().where('subject_type', 'product').where('subject_id', String(product.id)).where('action', 'product.images_added').firstOrFail()
    assert.equal(audit.actorId, staff.id)

    const editor = await agent.get(`/admin/products/${product.id}/edit`)
    assert.include(editor.text, '2 images added')
    assert.include(editor.text, 'id="images"')
    assert.include(editor.text, 'WebP 160, 320, 640, 1024, 1600 px')
  }).timeout(30_000)

  test('refuses an SVG named .jpg with a clear message, keeps the good file (htmx gets the panel)', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const { agent } = await signedInStaff('catalog_manager')

    const mixed = await upload(
      agent,
      product.id,
      [
        { name: 'evil.jpg', bytes: svgWithScript, type: 'image/jpeg' },
        { name: 'good.jpg', bytes: await jpegImage(400, 300), type: 'image/jpeg' },
      ],
      { 'hx-request': 'true' }
    )
    assert.equal(mixed.status, 200)
    assert.include(mixed.text, 'evil.jpg: SVG images are not accepted')
    assert.include(mixed.text, '1 image added')
    assert.notInclude(mixed.text, '<html')
    assert.lengthOf(await imagesOf(product.id), 1)

    const onlyBad = await upload(agent, product.id, [{ name: 'page.png', bytes: Buffer.from('<html>hi</html>'), type: 'image/png' }], {
      'hx-request': 'true',
    })
    assert.equal(onlyBad.status, 422)
    assert.include(onlyBad.text, 'page.png: The file is not a JPEG, PNG, WebP, AVIF or GIF image.')
    assert.lengthOf(await imagesOf(product.id), 1)

    const none = await upload(agent, product.id, [])
    assert.equal(none.status, 303)
    const editor = await agent.get(`/admin/products/${product.id}/edit`)
    assert.include(editor.text, 'Choose between 1 and 10 image files to upload.')
  }).timeout(30_000)

  test('saves alt text and assigns the image to variants; moving a variant to another image', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 3).create()
    const { agent } = await signedInStaff('catalog_manager')
    await upload(agent, product.id, [
      { name: 'a.jpg', bytes: await jpegImage(300, 300), type: 'image/jpeg' },
      { name: 'b.jpg', bytes: await jpegImage(300, 300), type: 'image/jpeg' },
    ])
    const [first, second] = await imagesOf(product.id)
    const variants = await Variant.query().where('product_id', product.id).orderBy('position').orderBy('id')

    const saved = await panelForm(agent, product.id, `/admin/products/${product.id}/images/${first.id}?_method=PUT`, {
      'alt': 'Red mug, front',
      'variantIds[0]': String(variants[0].id),
      'variantIds[1]': String(variants[1].id),
    })
    assert.equal(saved.status, 303)
    await first.refresh()
    assert.equal(first.alt, 'Red mug, front')
    const linked = await Variant.query().where('product_id', product.id).orderBy('position').orderBy('id')
    assert.deepEqual(linked.map((variant) => variant.imageId), [first.id, first.id, null])

    // the second variant moves to the second image; the first keeps its own
    await panelForm(agent, product.id, `/admin/products/${product.id}/images/${second.id}?_method=PUT`, {
      'alt': 'Red mug, back',
      'variantIds[0]': String(variants[1].id),
    })
    const moved = await Variant.query().where('product_id', product.id).orderBy('position').orderBy('id')
    assert.deepEqual(moved.map((variant) => variant.imageId), [first.id, second.id, null])

    // a variant of another product is refused
    const other = await ProductFactory.with('variants').create()
    await other.load('variants')
    const foreign = await panelForm(
      agent,
      product.id,
      `/admin/products/${product.id}/images/${first.id}?_method=PUT`,
      { 'alt': 'x', 'variantIds[0]': String(other.variants[0].id) },
      { 'hx-request': 'true' }
    )
    assert.equal(foreign.status, 422)
    assert.include(foreign.text, 'Pick variants of this product only.')
    await other.variants[0].refresh()
    assert.isNull(other.variants[0].imageId)

    const audit = await AuditLog.query().where('subject_id', String(product.id)).where('action', 'product.image_updated').orderBy('id').firstOrFail()
    assert.deepInclude(audit.changes as any, { imageId: first.id, alt: [null, 'Red mug, front'] })
  }).timeout(30_000)

  test('reorders with up, down and make-main buttons; deleting renumbers, unlinks variants and removes files', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).create()
    const { agent } = await signedInStaff('catalog_manager')
    await upload(agent, product.id, ['a', 'b', 'c'].map((name) => ({ name: `${name}.png`, bytes: Buffer.alloc(0), type: 'image/png' })))
    assert.lengthOf(await imagesOf(product.id), 0, 'empty files are refused')
    for (const name of ['a', 'b', 'c']) {
      await upload(agent, product.id, [{ name: `${name}.png`, bytes: await pngImage(200, 200), type: 'image/png' }])
    }
    const [a, b, c] = await imagesOf(product.id)
    const move = (id: number, direction: string, headers?: Record<string, string>) =>
      panelForm(agent, product.id, `/admin/products/${product.id}/images/${id}/move`, { direction }, headers)
    const order = async () => (await imagesOf(product.id)).map((image) => [image.id, image.position])

    assert.equal((await move(c.id, 'up')).status, 303)
    assert.deepEqual(await order(), [[a.id, 1], [c.id, 2], [b.id, 3]])
    const fragment = await move(b.id, 'first', { 'hx-request': 'true' })
    assert.equal(fragment.status, 200)
    assert.include(fragment.text, 'Image order saved')
    assert.include(fragment.headers.get('vary')?.split(/,\s*/), 'HX-Request')
    assert.deepEqual(await order(), [[b.id, 1], [a.id, 2], [c.id, 3]])
    await move(b.id, 'up') // already first: nothing changes
    await move(a.id, 'down')
    assert.deepEqual(await order(), [[b.id, 1], [c.id, 2], [a.id, 3]])

    const variant = (await Variant.query().where('product_id', product.id).orderBy('id'))[0]
    variant.imageId = c.id
    await variant.save()
    const cFiles = [c.storageKey!, ...c.renditions!.map((r) => r.key)]
    const deleted = await panelForm(agent, product.id, `/admin/products/${product.id}/images/${c.id}?_method=DELETE`, {})
    assert.equal(deleted.status, 303)
    assert.deepEqual(await order(), [[b.id, 1], [a.id, 2]])
    await variant.refresh()
    assert.isNull(variant.imageId)
    for (const key of cFiles) assert.isFalse(existsSync(join(runtime.uploadsDir, key)), key)
    assert.exists(await AuditLog.query().where('subject_id', String(product.id)).where('action', 'product.image_deleted').first())

    // deleting the product removes the remaining pictures' files too
    const remaining = (await imagesOf(product.id)).flatMap((image) => [image.storageKey!, ...image.renditions!.map((r) => r.key)])
    // two pictures: original, 160 and 200 px WebP each (plus AVIF copies if the queue's worker already made them)
    assert.lengthOf(remaining.filter((key) => !key.endsWith('.avif')), 6)
    await new DeleteProducts().handle([product.id], { type: 'system' })
    for (const key of remaining) assert.isFalse(existsSync(join(runtime.uploadsDir, key)), key)
  }).timeout(30_000)

  test('drag and drop saves the whole order at once; a list that no longer fits the pictures is refused', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const { agent } = await signedInStaff('catalog_manager')
    for (const name of ['a', 'b', 'c']) {
      await upload(agent, product.id, [{ name: `${name}.png`, bytes: await pngImage(120, 120), type: 'image/png' }])
    }
    const [a, b, c] = await imagesOf(product.id)
    const order = async () => (await imagesOf(product.id)).map((image) => [image.id, image.position])
    const save = (ids: number[], headers?: Record<string, string>) =>
      panelForm(agent, product.id, `/admin/products/${product.id}/images/order`, Object.fromEntries(ids.map((id, index) => [`imageIds[${index}]`, String(id)])), headers)

    const editor = await agent.get(`/admin/products/${product.id}/edit`)
    assert.include(editor.text, `data-image-list="image-order"`)
    assert.include(editor.text, `action="/admin/products/${product.id}/images/order"`)

    const saved = await save([c.id, a.id, b.id])
    assert.equal(saved.status, 303)
    assert.deepEqual(await order(), [[c.id, 1], [a.id, 2], [b.id, 3]])
    assert.exists(await AuditLog.query().where('subject_id', String(product.id)).where('action', 'product.images_reordered').first())

    const fragment = await save([b.id, c.id, a.id], { 'hx-request': 'true' })
    assert.equal(fragment.status, 200)
    assert.include(fragment.text, 'Image order saved')
    assert.deepEqual(await order(), [[b.id, 1], [c.id, 2], [a.id, 3]])

    // a page opened before a picture was deleted (or with one twice, or another product's) changes nothing
    const other = await ProductFactory.with('variants').create()
    for (const stale of [[b.id, c.id], [b.id, b.id, a.id], [b.id, c.id, a.id, a.id + 1000], []]) {
      const refused = await save(stale, { 'hx-request': 'true' })
      assert.equal(refused.status, 409, JSON.stringify(stale))
      assert.include(refused.text, 'the images changed since this page was loaded')
    }
    assert.deepEqual(await order(), [[b.id, 1], [c.id, 2], [a.id, 3]])
    assert.equal((await save([b.id, c.id, a.id])).status, 303, 'the same order again is fine, and changes nothing')
    assert.lengthOf(await imagesOf(other.id), 0)
  }).timeout(30_000)

  test('the first photo uploaded for a product that only has the demo placeholder becomes its main picture', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const [drawn] = await renderPlaceholders(runtime.uploadsDir, [{ productId: product.id, title: product.title, caption: null, hue: 120 }])
    const placeholder = await ProductImage.create({ productId: product.id, storageKey: drawn.storageKey, width: drawn.width, height: drawn.height, position: 1, status: 'ready' })
    const { agent } = await signedInStaff('catalog_manager')

    await upload(agent, product.id, [{ name: 'front.jpg', bytes: await jpegImage(400, 300), type: 'image/jpeg' }])
    const [first, second] = await imagesOf(product.id)
    assert.notEqual(first.id, placeholder.id, 'the photo is the main picture')
    assert.equal(first.position, 1)
    assert.deepEqual([second.id, second.position], [placeholder.id, 2])

    // later photos go after the photos, still in front of the drawing
    await upload(agent, product.id, [{ name: 'side.jpg', bytes: await jpegImage(300, 300), type: 'image/jpeg' }])
    const images = await imagesOf(product.id)
    assert.deepEqual(images.map((image) => image.position), [1, 2, 3])
    assert.equal(images[0].id, first.id)
    assert.equal(images[2].id, placeholder.id)
  }).timeout(30_000)

  test('imported pictures show their state: waiting to be fetched, or why the fetch failed', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    await ProductImage.createMany([
      { productId: product.id, sourceUrl: 'https://cdn.example/a.jpg', position: 1, status: 'pending' },
      { productId: product.id, sourceUrl: 'https://cdn.example/b.jpg', position: 2, status: 'failed', error: 'The server answered 404 Not Found' },
    ])
    const { agent } = await signedInStaff('catalog_manager')
    const editor = await agent.get(`/admin/products/${product.id}/edit`)
    assert.include(editor.text, 'Waiting to be fetched')
    assert.include(editor.text, 'Imported from <code>https://cdn.example/a.jpg</code>')
    assert.include(editor.text, 'Imported from <code>https://cdn.example/b.jpg</code>: The server answered 404 Not Found')
  })

  test('a role without catalog.write can see the images but not change them', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const manager = await signedInStaff('catalog_manager')
    await upload(manager.agent, product.id, [{ name: 'a.jpg', bytes: await jpegImage(300, 200), type: 'image/jpeg' }])
    const [image] = await imagesOf(product.id)

    const { agent } = await signedInStaff('support')
    const editor = await agent.get(`/admin/products/${product.id}/edit`)
    assert.equal(editor.status, 200)
    assert.include(editor.text, 'id="images"')
    assert.notInclude(editor.text, 'name="images[]"')

    const refused = await upload(agent, product.id, [{ name: 'b.jpg', bytes: await jpegImage(300, 200), type: 'image/jpeg' }])
    assert.equal(refused.status, 403)
    const token = extractCsrfToken((await agent.get('/admin/products')).text) ?? ''
    const alt = await agent.post(`/admin/products/${product.id}/images/${image.id}?_method=PUT`, { _csrf: token, alt: 'hacked' })
    assert.equal(alt.status, 403)
    const removed = await agent.post(`/admin/products/${product.id}/images/${image.id}?_method=DELETE`, { _csrf: token })
    assert.equal(removed.status, 403)
    assert.lengthOf(await imagesOf(product.id), 1)
    await image.refresh()
    assert.isNull(image.alt)
  }).timeout(30_000)
})
