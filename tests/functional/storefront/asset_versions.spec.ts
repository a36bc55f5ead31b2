import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { asset } from '#services/assets'

const base = () => `http://127.0.0.1:${process.env.PORT}`
const hashOf = (body: Buffer | string) => createHash('sha256').update(body).digest('hex').slice(0, 10)
/** '/css/app.1a2b3c4d5e.css' → '1a2b3c4d5e' */
const versionOf = (url: string) => /\.([0-9a-f]{10})\.[a-z0-9]+$/.exec(url)?.[1]

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, base()), { headers })
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) }
}

test.group('Storefront | versioned static files', () => {
  test('pages link stylesheets, scripts and fonts by a hash of what is served, cached for a year', async ({ assert }) => {
    const pages = [
      { path: '/', files: ['/vendor/htmx.min.js', '/js/storefront.js', '/favicon.svg', '/vendor/fonts/inter-latin-wght-normal.woff2'] },
      { path: '/admin/login', files: ['/css/app.css', '/css/dark.css', '/css/admin.css', '/vendor/htmx.min.js', '/js/admin.js'] },
    ]
    for (const { path, files } of pages) {
      const html = (await get(path)).body.toString()
      // storefront pages name htmx in a meta tag, loaded on intent by storefront.js
      const links = [...html.matchAll(/(?:href|src|content)="(\/(?:css\/|js\/|vendor\/|favicon)[^"]+)"/g)].map((match) => match[1])
      for (const file of files) {
        const stem = file.replace(/[^.]+$/, '')
        assert.isTrue(links.some((link) => link.startsWith(stem) && versionOf(link)), `${path} links ${file} versioned`)
      }
      for (const link of links) {
        const served = await get(link, { 'accept-encoding': 'gzip, br' })
        assert.equal(served.status, 200, link)
        assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable', link)
        assert.equal(hashOf(served.body), versionOf(link), `${link} is named after its content`)
      }
    }
  })

  test('storefront pages carry their stylesheets inline, as served minified, and link none', async ({ assert }) => {
    const html = (await get('/')).body.toString()
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    for (const sheet of ['/css/app.css', '/css/storefront.css']) {
      assert.include(style, (await get(asset(sheet))).body.toString(), `${sheet} is inlined`)
    }
    assert.include(style, '@media (prefers-color-scheme: dark){')
    assert.notMatch(html, /<link rel="stylesheet"/)
  })

  test('stylesheets are served minified, with the fonts they load versioned too', async ({ assert }) => {
    const source = readFileSync(app.publicPath('css/app.css'), 'utf8')
    const served = (await get(asset('/css/app.css'))).body.toString()
    assert.isBelow(served.length, source.length * 0.85)
    assert.notInclude(served, '/*')
    const fonts = [...served.matchAll(/url\(([^)]+\.woff2)\)/g)].map((match) => match[1])
    assert.isNotEmpty(fonts)
    for (const font of fonts) {
      assert.match(font, /^\/vendor\/fonts\/[\w-]+\.[0-9a-f]{10}\.woff2$/)
      const file = await get(font)
      assert.equal(file.status, 200, font)
      assert.equal(file.headers.get('content-type'), 'font/woff2')
      assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable')
      assert.equal(hashOf(file.body), versionOf(font))
    }
    // the preload in <head> names the same URL as the stylesheet, or the font loads twice
    assert.include((await get('/')).body.toString(), `href="${fonts[0]}" as="font"`)
  })

  test('unversioned URLs still work with a short cache; a version this server does not have is not kept', async ({ assert }) => {
    const plain = await get('/css/app.css')
    assert.equal(plain.status, 200)
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=600')
    assert.equal(plain.body.toString(), (await get(asset('/css/app.css'))).body.toString())

    const other = await get('/css/app.0123456789.css')
    assert.equal(other.status, 200)
    assert.equal(other.headers.get('cache-control'), 'no-cache')
    assert.equal((await get('/css/missing.0123456789.css')).status, 404)
    assert.equal((await get('/css/..%2f..%2fpackage.json')).status, 404)
  })

  test('a changed file gets a new URL, and its old one is no longer cached for good', async ({ assert, cleanup }) => {
    const name = `versions-${randomBytes(4).toString('hex')}.js`
    const file = app.publicPath(`js/${name}`)
    cleanup(() => rmSync(file, { force: true }))

    writeFileSync(file, 'console.log("first")\n')
    const first = asset(`/js/${name}`)
    assert.equal(versionOf(first), hashOf('console.log("first")\n'))

    writeFileSync(file, 'console.log("second")\n')
    // a later modification time, as an edit or a deploy would leave
    utimesSync(file, new Date(), new Date(Date.now() + 5_000))
    const second = asset(`/js/${name}`)
    assert.notEqual(second, first)
    assert.equal(versionOf(second), hashOf('console.log("second")\n'))

    const fresh = await get(second)
    assert.equal(fresh.body.toString(), 'console.log("second")\n')
    assert.equal(fresh.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    assert.equal((await get(first)).headers.get('cache-control'), 'no-cache')
  })

  test('compressed copies: Brotli when asked, else gzip, each with its own validator', async ({ assert }) => {
    const url = asset('/vendor/htmx.min.js')
    const br = await fetch(new URL(url, base()), { headers: { 'accept-encoding': 'br' } })
    const gzip = await fetch(new URL(url, base()), { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(br.headers.get('content-encoding'), 'br')
    assert.equal(gzip.headers.get('content-encoding'), 'gzip')
    assert.equal(await br.text(), await gzip.text())
    assert.notEqual(br.headers.get('etag'), gzip.headers.get('etag'))
    const again = await get(url, { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! })
    assert.equal(again.status, 304)
  })
})
