import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  /*
  | Ace commands: framework, Lucid, and Stockroom's own (commands/).
  */
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/cache/commands'),
    () => import('@adonisjs/bouncer/commands'),
  ],
  directories: {
    commands: 'commands',
  },

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/cache/cache_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@rlanz/bull-queue/queue_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/transmit/transmit_provider'),
    () => import('#providers/stockroom_provider'),
  ],

  preloads: [
    () => import('#start/observability'),
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/limiter'),
    () => import('#start/view'),
  ],

  tests: {
    suites: [
      { name: 'unit', files: ['tests/unit/**/*.spec(.ts|.js)', 'tests/plugins/**/*.spec(.ts|.js)'], timeout: 10_000 },
      { name: 'functional', files: ['tests/functional/**/*.spec(.ts|.js)'], timeout: 30_000 },
      { name: 'browser', files: ['tests/browser/**/*.spec(.ts|.js)'], timeout: 60_000 },
      { name: 'cli', files: ['tests/cli/**/*.spec(.ts|.js)'], timeout: 60_000 },
    ],
    forceExit: false,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'plugins/*/views/**/*.edge', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
    // npm ci in build/ runs the postinstall that copies htmx and Alpine into public/vendor
    { pattern: 'bin/vendor_assets.js', reloadServer: false },
  ],
})
