/*
|--------------------------------------------------------------------------
| Test runner entry point
|--------------------------------------------------------------------------
|
| `npm test` runs the suites on the embedded default (SQLite, no Redis).
| With DATABASE_URL and REDIS_URL set, the same suites run on PostgreSQL +
| Redis (see tests/bootstrap.ts for the separate test database).
|
*/
process.env.NODE_ENV = 'test'
// Tests serve on their own port so a running dev store does not collide.
process.env.PORT = process.env.TEST_PORT ?? '3334'
process.env.HOST = '127.0.0.1'
// the readiness probe's report is for token holders only; tests hold this one
process.env.HEALTH_TOKEN ??= 'health-token-for-tests'

import './node_compat.js'
import 'reflect-metadata'
import { existsSync } from 'node:fs'
import { Ignitor } from '@adonisjs/core'
import { printFatalError } from '#services/fatal_error'
import { configure, processCLIArgs, run } from '@japa/runner'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/**
 * Browser tests drive Debian's Chromium. Without it, a developer's run leaves
 * the browser suite out with a notice; CI (CI=true) always runs it.
 */
function browserSuiteRuns() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(chromium) || process.env.CI === 'true') return true
  console.warn(`Chromium not found at ${chromium}: the browser suite is left out (apt-get install chromium)`)
  return false
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      suites: app.rcFile.tests.suites.filter((suite) => suite.name !== 'browser' || browserSuiteRuns()),
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(async () => {
    await run()
    // The summary is printed and the app terminated. A handle some failed test left
    // open (a stand-in server, a socket) would keep the process alive with nothing to
    // do, and CI would wait for its kill bound: name what is open, then exit.
    setTimeout(() => {
      console.warn(`The test run ended but handles stayed open (${process.getActiveResourcesInfo().join(', ')}): exiting`)
      process.exit(process.exitCode ?? 0)
    }, 15_000).unref()
  })
  .catch((error) => {
    process.exitCode = 1
    printFatalError(error)
  })
