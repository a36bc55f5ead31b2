import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import Product from '#models/product'
import ImportProducts from '#actions/catalog/import_products'
import { GARDEN_CSV, HOUSE_CSV, cli, prefixedShopify } from '#tests/cli/helpers'

async function countPrefixed(prefix: string) {
  return (await Product.query().whereLike('handle', `${prefix}%`).select('id')).length
}

test.group('CLI | import products: interrupted and resumed', () => {
  test('an import that dies after a batch resumes after it, and the totals add up', async ({ assert }) => {
    const file = prefixedShopify(GARDEN_CSV, 'rs-')
    let batches = 0
    // A crash right after the second batch committed (5 products a batch).
    const crash = new ImportProducts().handle(file, {
      batchSize: 5,
      afterBatch: () => {
        if (++batches === 2) throw new Error('simulated crash')
      },
    })
    await assert.rejects(() => crash, 'simulated crash')
    assert.equal(await countPrefixed('rs-'), 10)

    const resumed = await cli('import', 'products', file, '--json')
    assert.equal(resumed.code, 0, resumed.stderr)
    const result = resumed.json()
    assert.isAbove(result.resumedAfterLine, 1)
    // created counts the interrupted run's 10 and this run's 10; nothing twice
    assert.deepInclude(result, { created: 20, updated: 0, unchanged: 0, errorCount: 0 })
    assert.equal(await countPrefixed('rs-'), 20)

    // Finished: the same file again is a fresh, idempotent run.
    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, unchanged: 20, resumedAfterLine: null })
  })

  test('--restart ignores the interrupted run; a dry run neither resumes nor leaves a checkpoint', async ({ assert }) => {
    const file = prefixedShopify(HOUSE_CSV, 'rr-')
    await assert.rejects(() =>
      new ImportProducts().handle(file, {
        batchSize: 4,
        afterBatch: () => {
          throw new Error('simulated crash')
        },
      })
    )
    assert.equal(await countPrefixed('rr-'), 4)

    const dry = await cli('import', 'products', file, '--dry-run', '--json')
    assert.deepInclude(dry.json(), { resumedAfterLine: null, created: 16, unchanged: 4 })

    const restarted = await cli('import', 'products', file, '--restart')
    assert.equal(restarted.code, 0, restarted.stderr)
    assert.notMatch(restarted.stdout, /Resumed/)
    assert.match(restarted.stdout, /created\s+16/)
    assert.match(restarted.stdout, /unchanged\s+4/)
    assert.equal(await countPrefixed('rr-'), 20)
  })

  test('a resumed run appends to the report of the run it continues', async ({ assert }) => {
    const file = prefixedShopify(GARDEN_CSV, 'rp-')
    const report = file.replace(/\.csv$/, '-errors.csv')
    await assert.rejects(() =>
      new ImportProducts().handle(file, { batchSize: 5, reportPath: report, afterBatch: () => { throw new Error('crash') } })
    )
    const resumed = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(resumed.code, 0, resumed.stderr)
    const lines = readFileSync(report, 'utf8').trim().split('\n')
    assert.equal(lines.filter((line) => line.startsWith('line,handle')).length, 1, 'one header')
  })
})
