import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

test.group('CLI | stockroom binary', () => {
  test('node bin/stockroom.js --help boots the app and exits 0', async ({ assert }) => {
    const { stdout } = await promisify(execFile)('node', ['bin/stockroom.js', '--help'], {
      cwd: app.makePath(),
      env: process.env,
      timeout: 45_000,
    })
    assert.include(stdout, 'Usage: stockroom')
    assert.include(stdout, 'import')
  })
})
