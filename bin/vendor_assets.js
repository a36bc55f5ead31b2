/*
|--------------------------------------------------------------------------
| Vendor assets
|--------------------------------------------------------------------------
|
| Copies the browser builds of htmx and Alpine.js (and the Inter font files) from node_modules into
| public/vendor, where the static server serves them (no CDN: pages must
| work offline and under a strict CSP). Runs as npm's postinstall, so
| `npm ci` prepares them; plain JavaScript so it runs before anything is
| compiled. Safe to run again at any time.
|
*/
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(appRoot, 'package.json'))
const target = join(appRoot, 'public', 'vendor')

/** package name, file inside the package, name under public/vendor */
const assets = [
  ['htmx.org', 'dist/htmx.min.js', 'htmx.min.js'],
  // The CSP build evaluates x-data and friends without eval(), which our CSP forbids.
  ['@alpinejs/csp', 'dist/cdn.min.js', 'alpine.min.js'],
  // UMD build (a global `Chart`): the analytics dashboard loads it with a plain script tag.
  ['chart.js', 'dist/chart.umd.js', 'chart.umd.js'],
  // The design system's typeface (public/css/app.css @font-face): variable weight, woff2 only, Latin subsets.
  ['@fontsource-variable/inter', 'files/inter-latin-wght-normal.woff2', 'fonts/inter-latin-wght-normal.woff2'],
  ['@fontsource-variable/inter', 'files/inter-latin-ext-wght-normal.woff2', 'fonts/inter-latin-ext-wght-normal.woff2'],
]

/** Resolves a package folder without relying on its "exports" map. */
function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`, { paths: [appRoot] }))
}

mkdirSync(join(target, 'fonts'), { recursive: true })
let failed = false
for (const [pkg, file, as] of assets) {
  let source
  try {
    source = join(packageDir(pkg), file)
  } catch {
    source = join(appRoot, 'node_modules', pkg, file)
  }
  if (!existsSync(source)) {
    console.error(`vendor_assets: ${pkg}/${file} not found; run npm install`)
    failed = true
    continue
  }
  copyFileSync(source, join(target, as))
}
if (failed) process.exitCode = 1
