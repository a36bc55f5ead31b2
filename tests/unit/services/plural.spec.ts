import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import edge from 'edge.js'
import { plural, pluralWord } from '#services/plural'
import { statusLabel, statusTone } from '#services/status_labels'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** Every .ts and .edge file under the folders staff-facing words come from. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|edge)$/.test(name) ? [path] : []
  })
}

test.group('Words | plural', () => {
  test('a count takes the form Intl.PluralRules picks, with its number grouped', ({ assert }) => {
    assert.equal(plural(0, 'order'), '0 orders')
    assert.equal(plural(1, 'order'), '1 order')
    assert.equal(plural(2, 'order'), '2 orders')
    assert.equal(plural(1200, 'unit'), '1,200 units')
    assert.equal(pluralWord(1, 'order'), 'order')
    assert.equal(pluralWord(5, 'order'), 'orders')
  })

  test('English endings: -ies, -es, irregular last words, several-word nouns, a forms map', ({ assert }) => {
    assert.equal(plural(2, 'entry'), '2 entries')
    assert.equal(plural(2, 'day'), '2 days', 'a vowel before y keeps it')
    assert.equal(plural(3, 'image fetch'), '3 image fetches')
    assert.equal(plural(2, 'box'), '2 boxes')
    assert.equal(plural(4, 'staff member'), '4 staff members')
    assert.equal(plural(2, 'sales person'), '2 sales people')
    assert.equal(plural(1, 'pending invitation'), '1 pending invitation')
    assert.equal(plural(2, { one: 'copy left', other: 'copies left' }), '2 copies left')
    assert.equal(plural(1, { one: 'copy left', other: 'copies left' }), '1 copy left')
  })

  test('templates have it as a global, with the status words', async ({ assert }) => {
    assert.equal(await edge.renderRaw("{{ plural(1, 'order') }} · {{ plural(3, 'order') }}"), '1 order · 3 orders')
    assert.equal(await edge.renderRaw("{{ statusLabel('partially_refunded') }}"), 'Partially refunded')
  })

  test('no "(s)" is left in what staff and operators read', ({ assert }) => {
    const offenders: string[] = []
    for (const folder of ['app', 'resources', 'plugins']) {
      for (const file of sourceFiles(join(root, folder))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            // WooCommerce's own column name "Attribute 1 value(s)" and "http(s)" in comments are not ours to word
            const words = line.replaceAll('value(s)', '').replaceAll('http(s)', '').replaceAll('"order(s)"', '')
            if (/\w\(s\)/.test(words)) offenders.push(`${relative(root, file)}:${index + 1}`)
          })
      }
    }
    assert.deepEqual(offenders, [])
  })
})

test.group('Words | status labels', () => {
  test('stored status values read as words with a tone; an unknown one still reads as words', ({ assert }) => {
    assert.equal(statusLabel('pending'), 'Pending')
    assert.equal(statusLabel('partially_refunded'), 'Partially refunded')
    assert.equal(statusLabel('partially_fulfilled'), 'Partially fulfilled')
    assert.equal(statusLabel('stored'), 'Stored, not sent')
    assert.equal(statusLabel('some_new_state'), 'Some new state')
    assert.equal(statusLabel(null), '—')
    assert.equal(statusTone('paid'), 'success')
    assert.equal(statusTone('failed'), 'danger')
    assert.equal(statusTone('refunded'), 'warning')
    assert.equal(statusTone('pending'), 'neutral')
    assert.equal(statusTone('anything else'), 'neutral')
  })
})
