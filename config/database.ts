import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@adonisjs/lucid'
import env from '#start/env'
import runtime from '#config/runtime'
import plugins from '#config/plugins'
import { queryCountingEnabled } from '#services/query_counter'

/**
 * Core migrations run first, then each enabled plugin's own folder in the
 * order plugins are listed, so a plugin may reference core tables.
 */
const migrationPaths = [
  './database/migrations',
  ...plugins.list.flatMap((plugin) =>
    plugin.migrations ? [`./${relative(runtime.appRoot, fileURLToPath(plugin.migrations))}`] : []
  ),
]

const dbConfig = defineConfig({
  connection: runtime.database,
  /*
  | `debug` makes Lucid emit `db:query` (tests count a block's queries with
  | it); printing every query would drown the test output. Requests' query
  | counts do not need it (#services/query_counter).
  */
  prettyPrintDebugQueries: false,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      debug: queryCountingEnabled,
      connection: { filename: runtime.sqliteFile },
      useNullAsDefault: true,
      pool: {
        /*
        | WAL lets readers carry on while a writer commits; busy_timeout makes
        | a second writer wait instead of failing with SQLITE_BUSY.
        */
        afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => {
          connection.pragma('journal_mode = WAL')
          connection.pragma('synchronous = NORMAL')
          connection.pragma('foreign_keys = ON')
          connection.pragma('busy_timeout = 5000')
          done(null, connection)
        },
      },
      migrations: { naturalSort: true, paths: migrationPaths },
      seeders: { paths: ['./database/seeders'] },
    },
    pg: {
      client: 'pg',
      debug: queryCountingEnabled,
      connection: runtime.databaseUrl ?? '',
      pool: { min: 0, max: env.get('DATABASE_POOL_MAX', 10) },
      /*
      | Reads that may lag go to the replicas, everything else to the primary:
      | #services/read_replicas decides per query and takes a lagging or
      | unreachable replica out of rotation (docs/scaling.md).
      */
      ...(runtime.databaseReadUrls.length
        ? {
            replicas: {
              write: { connection: runtime.databaseUrl ?? '' },
              read: { connection: runtime.databaseReadUrls },
            },
          }
        : {}),
      migrations: { naturalSort: true, paths: migrationPaths },
      seeders: { paths: ['./database/seeders'] },
    },
  },
})

export default dbConfig
