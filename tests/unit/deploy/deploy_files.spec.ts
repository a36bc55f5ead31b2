import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/** Every .ts file under a folder of the app, recursively. */
function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Variables only the test suite, CI or the benches read: not part of a deployment. */
const TOOLING_ONLY = new Set(['TEST_PORT', 'CI', 'CHROMIUM_PATH'])

test.group('Deploy files', () => {
  test('deploy/README.md explains every environment variable the app reads', ({ assert }) => {
    const names = new Set<string>()
    for (const match of read('start/env.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)) names.add(match[1])
    for (const folder of ['app', 'config', 'start', 'providers', 'plugins', 'commands']) {
      for (const file of sources(folder)) {
        const text = readFileSync(file, 'utf8')
        for (const match of text.matchAll(/env\.get\(\s*'([A-Z][A-Z0-9_]+)'/g)) names.add(match[1])
        for (const match of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1])
      }
    }
    for (const name of TOOLING_ONLY) names.delete(name)
    assert.isAbove(names.size, 30, 'the scan found the variables')

    const guide = read('deploy/README.md')
    const missing = [...names].filter((name) => !guide.includes(`\`${name}\``)).sort()
    assert.deepEqual(missing, [], `deploy/README.md does not explain: ${missing.join(', ')}`)
  })

  test('every command the deploy files run exists', ({ assert }) => {
    const commandNames = new Set(
      readdirSync(join(root, 'commands'))
        .filter((name) => name.endsWith('.ts'))
        .flatMap((name) => [...read(`commands/${name}`).matchAll(/static commandName = '([^']+)'/g)].map((m) => m[1]))
    )
    const deployText = ['deploy/compose.yaml', 'deploy/Dockerfile', 'deploy/README.md']
      .concat(readdirSync(join(root, 'deploy/systemd')).map((name) => `deploy/systemd/${name}`))
      .map(read)
      .join('\n')
    const used = [...deployText.matchAll(/node"?,?\s*"?ace"?,?\s*"?([a-z]+:[a-z-]+)/g)].map((m) => m[1])
    assert.includeMembers(used, ['stockroom:setup', 'jobs:work'])
    const frameworkCommands = new Set(['generate:key'])
    for (const name of used) {
      assert.isTrue(commandNames.has(name) || frameworkCommands.has(name), `no ace command "${name}"`)
    }
    assert.include(read('commands/stockroom_setup.ts'), 'declare skipDemo', '--skip-demo is a flag of stockroom:setup')
    // the entry point the image and units start
    assert.include(read('bin/server.ts'), 'httpServer')
  })

  test('the image never runs as root and checks liveness', ({ assert }) => {
    const dockerfile = read('deploy/Dockerfile')
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '))
    assert.match(runtimeStage, /^USER node$/m)
    assert.match(runtimeStage, /HEALTHCHECK[\s\S]*\/health\/live/)
    assert.notInclude(runtimeStage, 'npm ci\n', 'no dependency install in the runtime stage')
  })
})
