import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import app from '@adonisjs/core/services/app'

/** Static files keep literal paths: asset() serves them (from the CDN when CDN_URL is set). */
const STATIC_PATHS = ['/css/', '/vendor/', '/js/', '/media/', '/favicon.svg']

/** Emails inline their styles: mail clients drop <style> and never load our stylesheet. */
const INLINE_STYLES_ALLOWED = [/^resources\/views\/emails\//, /^plugins\/[^/]+\/views\/emails\//]

async function edgeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return edgeFiles(path)
      return entry.name.endsWith('.edge') ? [path] : []
    })
  )
  return nested.flat()
}

/** Every template of the app and its plugins, comments removed, with paths relative to the app root. */
async function templates() {
  const root = app.makePath()
  const plugins = await readdir(app.makePath('plugins'), { withFileTypes: true })
  const dirs = [app.makePath('resources/views'), ...plugins.filter((d) => d.isDirectory()).map((d) => app.makePath('plugins', d.name, 'views'))]
  const files = (await Promise.all(dirs.map(edgeFiles))).flat()
  return Promise.all(
    files.map(async (file) => ({
      path: relative(root, file).split(sep).join('/'),
      source: (await readFile(file, 'utf8')).replace(/\{\{--[\s\S]*?--\}\}/g, ''),
    }))
  )
}

/** Where a match sits, for a failure message a person can act on. */
function at(path: string, source: string, index: number) {
  const line = source.slice(0, index).split('\n').length
  return `${path}:${line}`
}

test.group('Views | template hygiene', () => {
  test('templates name routes with route() instead of writing internal paths', async ({ assert }) => {
    const offenders: string[] = []
    // a quoted string (attribute value, or a JS literal inside {{ }} or @let) that starts with
    // a path: "/", "/admin/orders", '/products/' + handle; not protocol-relative "//cdn…"
    const quotedPath = /(["'`])(\/(?!\/)[^"'`\s]*)/g
    for (const { path, source } of await templates()) {
      for (const match of source.matchAll(quotedPath)) {
        const url = match[2]
        if (STATIC_PATHS.some((prefix) => url.startsWith(prefix))) continue
        offenders.push(`${at(path, source, match.index!)} ${url}`)
      }
    }
    assert.deepEqual(offenders, [], 'use route(name, params) (static files: asset(path))')
  })

  test('static files are linked through asset(), which versions their URLs for long caching', async ({ assert }) => {
    const offenders: string[] = []
    // href="/css/app.css" would miss the content hash (#services/public_assets) and a CDN
    const literal = /\b(?:href|src|data-[\w-]+)\s*=\s*["'](\/(?:css\/|js\/|vendor\/|favicon)[^"']*)/g
    for (const { path, source } of await templates()) {
      for (const match of source.matchAll(literal)) offenders.push(`${at(path, source, match.index!)} ${match[1]}`)
    }
    assert.deepEqual(offenders, [], "write {{ asset('/css/…') }}")
  })

  test('templates carry no inline style attributes (emails excepted)', async ({ assert }) => {
    const offenders: string[] = []
    for (const { path, source } of await templates()) {
      if (INLINE_STYLES_ALLOWED.some((allowed) => allowed.test(path))) continue
      for (const match of source.matchAll(/\sstyle\s*=/g)) offenders.push(at(path, source, match.index!))
    }
    assert.deepEqual(offenders, [], 'move the style into public/css/app.css as a class')
  })

  test('the scan sees the templates it guards', async ({ assert }) => {
    const paths = (await templates()).map((t) => t.path)
    assert.include(paths, 'resources/views/components/layouts/admin.edge')
    assert.isTrue(paths.some((p) => p.startsWith('plugins/inventory/views/')))
  })
})
