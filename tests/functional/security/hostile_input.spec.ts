import { readdir } from 'node:fs/promises'
import http from 'node:http'
import { test } from '@japa/runner'
import sharp from 'sharp'
import { ProductFactory } from '#database/factories/product_factory'
import Collection from '#models/collection'
import ProductImage from '#models/product_image'
import { HttpAgent, extractCsrfToken } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { uploadTmpDir } from '#config/bodyparser'

const base = () => `http://127.0.0.1:${process.env.PORT}`

/** Files an upload left behind in the temp folder. */
const leftovers = () => readdir(uploadTmpDir)

/** POSTs a multipart body with one 2 MB file to `path`, as a browser with the agent's cookies would. */
async function postMultipart(path: string, fields: Record<string, string>, agent?: HttpAgent, bytes = Buffer.alloc(2 * 1024 * 1024, 7)) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('images[]', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png')
  const headers: Record<string, string> = { 'accept': 'text/html', 'hx-request': 'true' }
  if (agent) headers.cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(new URL(path, base()), { method: 'POST', body: form, headers, redirect: 'manual' })
  return { status: response.status, text: await response.text() }
}

/** Sends only the headers of a multipart POST announcing `length` bytes, and answers the status that comes back. */
function headersOnly(path: string, length: number, agent: HttpAgent) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(new URL(path, base()), {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(length),
        'cookie': [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    })
    request.on('response', (response) => {
      response.resume()
      resolve(response.statusCode!)
      request.destroy()
    })
    request.on('error', reject)
    request.flushHeaders()
  })
}

test.group('Security | hostile input gets a 4xx, never a 500', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a NUL byte in search, a collection filter or a form is a 400 page in words', async ({ assert }) => {
    const handle = `nul-${Date.now()}`
    const collection = await Collection.create({ handle, title: 'NUL filters', kind: 'manual', published: true, sortOrder: 'manual' })
    for (const path of ['/search?type=%00', '/search?q=a%00b', `/collections/${collection.handle}?vendor=x%00y`, '/search?tag=%00&opt=a:%00']) {
      const response = await fetch(new URL(path, base()), { headers: { accept: 'text/html' } })
      assert.equal(response.status, 400, path)
      const html = await response.text()
      assert.include(html, 'We could not read that request', path)
      assert.notInclude(html, 'invalid byte sequence', path)
    }
    const agent = new HttpAgent()
    const login = await agent.submit('/admin/login', '/admin/login', { email: 'a\0@example.com', password: 'x' })
    assert.equal(login.status, 400)
  })

  test('a variant id beyond 32 bits in the cart URL is a 404, in a form a refusal, never a 500', async ({ assert }) => {
    const agent = new HttpAgent()
    const origin = { origin: agent.baseUrl, 'sec-fetch-site': 'same-origin' }
    const cart = await agent.get('/cart')
    const token = extractCsrfToken(cart.text)
    for (const id of ['99999999999', '2147483648', '0', '1e3']) {
      const patched = await agent.request('POST', `/cart/lines/${id}?_method=PATCH`, { form: { quantity: '1', _csrf: token ?? '' } })
      assert.equal(patched.status, 404, id)
    }
    const added = await agent.post('/cart/lines', { variantId: '99999999999', quantity: '1' }, origin)
    assert.oneOf(added.status, [302, 303, 422])
  })

  test('other numeric URLs share the matcher: an id beyond 32 bits is a 404', async ({ assert }) => {
    const { agent } = await signedInStaff('admin')
    for (const path of ['/admin/orders/99999999999', '/admin/products/2147483648/edit', '/admin/customers/99999999999']) {
      const response = await agent.get(path)
      assert.equal(response.status, 404, path)
    }
  })
})

test.group('Security | multipart only where files are taken', (group) => {
  group.each.setup(() => clearRateLimits())

  test('multipart to the cart or the login form is refused with 415 before anything is written', async ({ assert }) => {
    const before = await leftovers()
    for (const path of ['/cart/lines', '/admin/login', '/account/sign-in']) {
      const response = await postMultipart(path, { variantId: '1', email: 'a@b.c', password: 'x' })
      assert.equal(response.status, 415, path)
      assert.include(response.text, 'does not take file uploads', path)
    }
    assert.deepEqual(await leftovers(), before)
  })

  test('an upload route removes its temp files after the request, and refuses one over its limit unread', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const { agent } = await signedInStaff('catalog_manager')
    const csrf = () => agent.get(`/admin/products/${product.id}/edit`).then((page) => extractCsrfToken(page.text)!)
    const before = await leftovers()

    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#468' } }).jpeg().toBuffer()
    const stored = await postMultipart(`/admin/products/${product.id}/images`, { _csrf: await csrf() }, agent, photo)
    assert.equal(stored.status, 200, stored.text.slice(0, 3000))
    assert.lengthOf(await ProductImage.query().where('product_id', product.id), 1)

    // not an image: refused by the action, and its temp file still goes
    const refused = await postMultipart(`/admin/products/${product.id}/images`, { _csrf: await csrf() }, agent)
    assert.equal(refused.status, 422)
    // a bad CSRF token: refused after the body was parsed, and its temp file still goes
    const forged = await postMultipart(`/admin/products/${product.id}/images`, { _csrf: 'nope' }, agent)
    assert.notEqual(forged.status, 200)

    // a body that says 101 MB is answered before any of it is sent
    const tooLarge = await headersOnly(`/admin/products/${product.id}/images`, 101 * 1024 * 1024, agent)
    assert.equal(tooLarge, 413)
    assert.deepEqual(await leftovers(), before)
  }).timeout(60_000)
})
