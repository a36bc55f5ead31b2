import { rmSync } from 'node:fs'
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import runtime from '#config/runtime'
import { prepareTestDatabase, flushTestRedis } from '#tests/helpers/test_services'

/**
 * The same suites run on the embedded default (SQLite, no Redis) and, with
 * DATABASE_URL and REDIS_URL set, on PostgreSQL + Redis. The database is
 * rebuilt from the migrations at the start of every run.
 */
export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      if (runtime.database === 'sqlite') {
        for (const suffix of ['', '-wal', '-shm']) rmSync(runtime.sqliteFile + suffix, { force: true })
      }
      await prepareTestDatabase()
      await flushTestRedis()
      await testUtils.db().migrate()
      // eslint-disable-next-line no-console
      console.log(
        `Test services: ${runtime.database === 'pg' ? 'PostgreSQL' : 'SQLite'}` +
          `${runtime.redis ? ' + Redis' : ', no Redis'}; jobs on ${runtime.jobsDriver}`
      )
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    // Tests write catalog rows with factories, behind the actions that drop
    // cached storefront pages: every test starts with an empty page cache.
    suite.onTest((t) => t.setup(async () => (await import('#catalog/catalog_cache')).invalidateCatalog()))
    suite.onGroup((group) => group.each.setup(async () => (await import('#catalog/catalog_cache')).invalidateCatalog()))
    // the same server timeouts as bin/server.ts
    return suite.setup(async () => testUtils.httpServer().start((await import('#services/http_server_limits')).createLimitedServer))
  }
  // Templates build URLs with route(), which looks names up in the committed
  // route store; starting the HTTP server commits it, so suites without one do.
  suite.setup(async () => (await import('@adonisjs/core/services/router')).default.commit())
}
