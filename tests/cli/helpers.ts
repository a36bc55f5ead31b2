import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { runCli } from '#cli/program'

export const SHOPIFY_FIXTURES = app.makePath('../shared/fixtures/shopify')
export const IMPORT_FIXTURES = app.makePath('tests/fixtures/import')

const workDir = mkdtempSync(join(tmpdir(), 'stockroom-cli-'))

/** Runs one command line through the program (no subprocess), capturing its output. */
export async function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout) }
}

/**
 * A copy of a Shopify CSV whose handles start with `prefix`: the shared
 * database already holds the demo catalog's handles, and each test wants
 * products of its own.
 */
export function prefixedShopify(path: string, prefix: string) {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n')
  // Continuation lines of a quoted multi-line field do not start with a handle and a comma.
  const body = lines.map((line) => (/^[a-z0-9-]+,/.test(line) ? `${prefix}${line}` : line))
  return tempFile(`${prefix}${path.split('/').pop()}`, [header, ...body].join('\n'))
}

export function tempFile(name: string, content = '') {
  const path = join(workDir, name)
  writeFileSync(path, content)
  return path
}
