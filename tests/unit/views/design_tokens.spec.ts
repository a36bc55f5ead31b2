import { test } from '@japa/runner'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/*
| The design tokens (public/css/app.css, docs/design-system.md): every text
| colour keeps 6:1 against the backgrounds it is used on, in the light and
| the dark scheme, and the font files the stylesheet names are there.
*/

const root = fileURLToPath(new URL('../../../', import.meta.url))
const css = readFileSync(`${root}public/css/app.css`, 'utf8')
// the dark scheme's values (public/css/dark.css), read after the light ones
const darkCss = readFileSync(`${root}public/css/dark.css`, 'utf8')

/** The custom properties declared in the first block after `marker`. */
function tokens(marker: string, source = css) {
  const css = source
  const start = css.indexOf(marker)
  const body = css.slice(css.indexOf('{', css.indexOf(':root', start)) + 1, css.indexOf('}', start))
  return Object.fromEntries([...body.matchAll(/(--color-[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1], match[2]]))
}

function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** text token, background token: the pairs the components put together */
const PAIRS: Array<[string, string]> = [
  ['--color-text', '--color-bg'],
  ['--color-text', '--color-surface'],
  ['--color-muted', '--color-bg'],
  ['--color-muted', '--color-surface'],
  ['--color-accent', '--color-bg'],
  ['--color-accent', '--color-surface'],
  ['--color-on-accent', '--color-accent'],
  ['--color-on-primary', '--color-primary'],
  ['--color-danger', '--color-danger-soft'],
  ['--color-success', '--color-success-soft'],
  ['--color-warning', '--color-warning-soft'],
]

test.group('Views | design tokens', () => {
  for (const [scheme, marker] of [['light', '/* ---------- tokens ---------- */'], ['dark', ':root']]) {
    test(`text keeps 6:1 contrast in the ${scheme} scheme`, ({ assert }) => {
      const light = tokens('/* ---------- tokens ---------- */')
      // the dark block redefines colours; anything it leaves out stays as in the light one
      const palette = scheme === 'light' ? light : { ...light, ...tokens(marker, darkCss) }
      const weak = PAIRS.map(([text, background]) => ({ text, background, ratio: contrast(palette[text], palette[background]) }))
        .filter(({ ratio }) => !(ratio >= 6))
        .map(({ text, background, ratio }) => `${text} on ${background}: ${ratio.toFixed(2)}:1`)
      assert.deepEqual(weak, [])
      // control borders stay visible (WCAG 1.4.11: 3:1)
      assert.isAtLeast(contrast(palette['--color-control-border'], palette['--color-bg']), 3)
    })
  }

  test('the self-hosted font swaps in, and the files it names are copied at install', ({ assert }) => {
    const faces = [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((match) => match[1])
    assert.isAbove(faces.length, 0)
    for (const face of faces) {
      assert.include(face, 'font-display: swap')
      const file = /url\(\.\.\/vendor\/fonts\/([\w.-]+\.woff2)\)/.exec(face)?.[1]
      assert.exists(file, 'woff2 only, from public/vendor/fonts')
      assert.isTrue(existsSync(`${root}public/vendor/fonts/${file}`), `${file} is copied by bin/vendor_assets.js`)
    }
  })
})
