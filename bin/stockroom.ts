/*
|--------------------------------------------------------------------------
| Stockroom operator CLI entry point
|--------------------------------------------------------------------------
|
| Boots the application the way ace does (providers, plugins, preloads),
| runs one commander command line, then terminates the app so database and
| Redis connections close and the process exits with the command's code.
|
*/
import './node_compat.js'
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'
import { printFatalError } from '#services/fatal_error'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

// `stockroom … | head` closes stdout early: stop writing, not crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

const app = new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((application) => {
    application.booting(async () => {
      await import('#start/env')
    })
    application.listen('SIGTERM', () => application.terminate())
    application.listenIf(application.managedByPm2, 'SIGINT', () => application.terminate())
  })
  .createApp('console')

/**
 * A command's commits nudge the outbox relay, which then runs on its own.
 * Relay what is left before terminating, so no relay query outlives the
 * closed connections (and keeps the process alive); the events then wait
 * in the job queue for a worker.
 */
async function handOverOutbox() {
  await new Promise((resolve) => setImmediate(resolve))
  const relay = await app.container.make('stockroom.outbox')
  while ((await relay.relayPending()) > 0) {}
}

try {
  await app.init()
  await app.boot()
  await app.start(() => {})
  const { runCli } = await import('#cli/program')
  process.exitCode = await runCli(process.argv.slice(2))
  await handOverOutbox()
} catch (error) {
  process.exitCode = 1
  printFatalError(error)
} finally {
  await app.terminate()
}
