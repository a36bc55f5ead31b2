/*
|--------------------------------------------------------------------------
| HTTP server entry point
|--------------------------------------------------------------------------
|
| `npm start` runs this file (after `node ace stockroom:setup`); in production
| it runs from build/ as `node bin/server.js`.
|
*/
import './node_compat.js'
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'
import { printFatalError } from '#services/fatal_error'
import { createLimitedServer } from '#services/http_server_limits'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .httpServer()
  // Node's timeouts tuned against slow clients and for nginx in front (see the service)
  .start(createLimitedServer)
  .catch((error) => {
    process.exitCode = 1
    printFatalError(error)
  })
