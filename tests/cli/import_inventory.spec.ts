import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ProductFactory } from '#database/factories/product_factory'
import app from '@adonisjs/core/services/app'
import { dbTimestamp } from '#services/db_time'
import { cli, tempFile } from '#tests/cli/helpers'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

async function addLocation(code: string) {
  const now = dbTimestamp()
  const [row] = await db
    .table('stock_locations')
    .insert({ name: `Shop ${code}`, code, is_default: false, created_at: now, updated_at: now })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

/** Three variants with SKUs of their own, and a second location. */
async function fixture(tag: string) {
  const product = await ProductFactory.with('variants', 3).create()
  const [a, b, c] = product.variants
  const code = `${tag}-${Date.now() % 100000}`
  const shopId = await addLocation(code)
  return { product, a, b, c, code, shopId }
}

async function onHand(variantId: number) {
  const levels = await inventoryPort.levels([variantId])
  return Object.fromEntries(levels.map((level) => [level.locationCode, [level.onHand, level.reserved]]))
}

function movements(variantId: number) {
  return db.from('inventory_movements').where('variant_id', variantId).orderBy('id')
}

test.group('CLI | import inventory', () => {
  test('sets on-hand counts per location (blank: default), writes the ledger, and a second run changes nothing', async ({ assert }) => {
    const { a, b, code } = await fixture('ii')
    await inventoryPort.adjust({ variantId: b.id, delta: 9, reason: 'received' })
    const file = tempFile(`stock-${code}.csv`, `SKU,Location,On Hand\n${a.sku},,12\n${a.sku},${code},3\n${b.sku},main,4\n`)

    const first = await cli('import', 'inventory', file, '--json')
    assert.equal(first.code, 0, first.stderr)
    assert.deepInclude(first.json(), { mode: 'set', rows: 3, updated: 3, unchanged: 0, errorCount: 0, dryRun: false })
    assert.deepEqual(await onHand(a.id), { main: [12, 0], [code]: [3, 0] })
    assert.deepEqual(await onHand(b.id), { main: [4, 0] })
    const ledger = await movements(b.id)
    assert.deepInclude(ledger.at(-1), { delta: -5, reason: 'count', actor: 'cli', reference: `stock-${code}.csv:4`, on_hand_after: 4 })

    const again = await cli('import', 'inventory', file, '--json')
    assert.equal(again.code, 0, again.stderr)
    assert.deepInclude(again.json(), { updated: 0, unchanged: 3, errorCount: 0 })
    assert.lengthOf(await movements(b.id), ledger.length, 'no ledger row for an unchanged count')
    assert.match((await cli('import', 'inventory', file)).stdout, /unchanged\s+3/)
  })

  test('bad rows are reported with their lines while the rest applies; exit code 1', async ({ assert }) => {
    const { a, b, c, code } = await fixture('ie')
    await inventoryPort.adjust({ variantId: c.id, delta: 5, reason: 'received' })
    await db.from('inventory_levels').where('variant_id', c.id).update({ reserved: 4 })
    const file = tempFile(
      `stock-bad-${code}.csv`,
      [
        'sku,location,on_hand',
        `${a.sku},,7`,
        'NO-SUCH-SKU,,1',
        `${b.sku},nowhere,1`,
        `${b.sku},,-2`,
        `${b.sku},,1.5`,
        `${b.sku},,`,
        `${c.sku},,3`,
        `${b.sku},${code},2`,
      ].join('\n')
    )
    const report = tempFile(`stock-bad-${code}-report.csv`)

    const result = await cli('import', 'inventory', file, '--report', report, '--json')
    assert.equal(result.code, 1)
    const json = result.json()
    assert.deepInclude(json, { rows: 8, updated: 2, errorCount: 6 })
    assert.deepEqual(json.errors.map((error: { line: number }) => error.line), [3, 4, 5, 6, 7, 8])
    assert.match(json.errors[0].message, /No variant with SKU "NO-SUCH-SKU"/)
    assert.match(json.errors[1].message, /No stock location with code "nowhere"/)
    assert.match(json.errors[2].message, /negative/)
    assert.match(json.errors[3].message, /Enter “on_hand” as a whole number/)
    assert.match(json.errors[4].message, /^Enter “on_hand”$/)
    assert.match(json.errors[5].message, /on hand would be 3, below the 4 reserved/)

    assert.deepEqual(await onHand(a.id), { main: [7, 0] })
    assert.deepEqual(await onHand(b.id), { [code]: [2, 0] })
    assert.deepEqual(await onHand(c.id), { main: [5, 4] }, 'a count below the reserved stock is refused')

    const lines = readFileSync(report, 'utf8').trim().split('\n')
    assert.equal(lines[0], 'line,sku,location,kind,message')
    assert.lengthOf(lines, 7)
    assert.match(lines[2], new RegExp(`^4,${b.sku},nowhere,error,`))

    const human = await cli('import', 'inventory', file)
    assert.match(human.stdout, new RegExp(`line 3 \\(NO-SUCH-SKU\\): No variant`))
  })

  test('--dry-run counts without writing; --mode add adds to the stock', async ({ assert }) => {
    const { a, code } = await fixture('id')
    const file = tempFile(`stock-add-${code}.csv`, `sku,on_hand\n${a.sku},5\n${a.sku},-2\n`)

    const dry = await cli('import', 'inventory', file, '--mode', 'add', '--dry-run', '--json')
    assert.equal(dry.code, 0, dry.stderr)
    assert.deepInclude(dry.json(), { dryRun: true, updated: 2 })
    assert.deepEqual(await onHand(a.id), {})

    assert.equal((await cli('import', 'inventory', file, '--mode', 'add')).code, 0)
    assert.equal((await cli('import', 'inventory', file, '--mode', 'add')).code, 0)
    assert.deepEqual(await onHand(a.id), { main: [6, 0] }, 'add mode adds on every run')
    assert.deepEqual((await movements(a.id)).map((row) => row.delta), [5, -2, 5, -2])
  })

  test('bad usage exits with 2: a missing file, a file without the columns, an unknown mode', async ({ assert }) => {
    assert.equal((await cli('import', 'inventory', '/nonexistent/stock.csv')).code, 2)
    const noColumns = await cli('import', 'inventory', tempFile('stock-wrong.csv', 'handle,title\nx,y\n'))
    assert.equal(noColumns.code, 2)
    assert.match(noColumns.stderr, /needs the columns sku and on_hand/)
    assert.equal((await cli('import', 'inventory', tempFile('stock-empty.csv', 'sku,on_hand\n'), '--mode', 'swap')).code, 2)
    const help = await cli('import', 'inventory', '--help')
    assert.equal(help.code, 0)
    assert.match(help.stdout, /Examples:/)
  })
})
