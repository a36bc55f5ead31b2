import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { csvLine, csvStringifier, digitsAsText, spreadsheetText, withoutDigitsGuard, withoutSpreadsheetGuard } from '#services/csv'

test.group('CSV cells | spreadsheet formula guard', () => {
  test('text that a spreadsheet would run gets an apostrophe; numbers and plain text stay as they are', ({ assert }) => {
    const guarded = ['=HYPERLINK("http://x","y")', '@SUM(1+1)', '+cmd', '-2+3', '\t=1', '\r=1', "'=1"]
    assert.deepEqual(guarded.map(spreadsheetText), guarded.map((text) => `'${text}`))
    const raw = ['-2', '-12.50', "O'KEEFE", "'tis", 'Mug = cup', '0042', '', '42.99']
    assert.deepEqual(raw.map(spreadsheetText), raw)
  })

  test('the importer takes off only the guard: every value comes back as it was', ({ assert }) => {
    const values = ['=HYPERLINK("http://x","y")', '@SUM(1+1)', '+44 1', '-2', "O'KEEFE", "'=already", "''+twice", "'tis", '0042']
    assert.deepEqual(values.map((value) => withoutSpreadsheetGuard(spreadsheetText(value))), values)
    assert.deepEqual(['0042', "'0042", 'A-1'].map((value) => withoutDigitsGuard(digitsAsText(value))), ['0042', "'0042", 'A-1'])
    assert.equal(digitsAsText('0042'), "'0042")
  })

  test('hand-built lines and the streaming writer guard the same cells and leave numbers raw', async ({ assert }) => {
    assert.equal(csvLine(['=1+1', -3, '-3', 'a,b', null]), `'=1+1,-3,-3,"a,b",`)
    const writer = csvStringifier({ header: true, columns: ['title', 'stock', 'note'] })
    let text = ''
    writer.on('data', (chunk) => (text += chunk))
    writer.write({ title: '@SUM(1+1)', stock: -2, note: '+cmd' })
    writer.end()
    await new Promise((resolve) => writer.on('end', resolve))
    assert.deepEqual(parse(text, { columns: true }), [{ title: "'@SUM(1+1)", stock: '-2', note: "'+cmd" }])
  })
})
