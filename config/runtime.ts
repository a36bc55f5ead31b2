/*
|--------------------------------------------------------------------------
| Runtime mode
|--------------------------------------------------------------------------
|
| One place decides which driver every concern uses, from the environment
| alone (see docs/runtime-modes.md). Other config files read this object
| instead of looking at env variables themselves, so the two modes cannot
| drift apart.
|
*/
import { mkdirSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import env from '#start/env'
import { ConfigurationError } from '#exceptions/configuration_error'

const appRoot = fileURLToPath(new URL('../', import.meta.url))
const dataDirSetting = env.get('DATA_DIR') ?? (env.get('NODE_ENV') === 'test' ? 'tmp/test-data' : 'data')
const dataDir = isAbsolute(dataDirSetting) ? dataDirSetting : join(appRoot, dataDirSetting)
mkdirSync(dataDir, { recursive: true })

const databaseUrl = env.get('DATABASE_URL')
const databaseReadUrls = env.get('DATABASE_READ_URL') ?? []
const redisUrl = env.get('REDIS_URL')
const jobsDriver = env.get('JOBS_DRIVER') ?? (redisUrl ? 'bullmq' : 'database')

if (jobsDriver === 'bullmq' && !redisUrl) {
  throw new ConfigurationError('JOBS_DRIVER=bullmq needs REDIS_URL (for example redis://127.0.0.1:6379/0)')
}
if (databaseReadUrls.length && !databaseUrl) {
  throw new ConfigurationError(
    'DATABASE_READ_URL needs DATABASE_URL, the primary every write goes to (for example postgres://user:password@127.0.0.1:5432/stockroom)'
  )
}
if (env.get('SESSION_DRIVER') === 'redis' && !redisUrl) {
  throw new ConfigurationError('SESSION_DRIVER=redis needs REDIS_URL (for example redis://127.0.0.1:6379/0)')
}

const runtime = {
  /** "embedded" when no production service is configured */
  mode: databaseUrl || redisUrl ? ('production' as const) : ('embedded' as const),
  appRoot,
  dataDir,
  database: databaseUrl ? ('pg' as const) : ('sqlite' as const),
  databaseUrl,
  /** streaming replicas for reads that may lag (docs/scaling.md); empty: every read on the primary */
  databaseReadUrls,
  /** a replica further behind than this serves no reads */
  replicaMaxLagMs: env.get('REPLICA_MAX_LAG_MS') ?? 5000,
  sqliteFile: join(dataDir, env.get('NODE_ENV') === 'test' ? 'test.sqlite' : 'stockroom.sqlite'),
  redis: Boolean(redisUrl),
  redisUrl,
  jobsDriver,
  jobsInProcess: env.get('JOBS_IN_PROCESS') ?? jobsDriver === 'database',
  /** a running job's lease; a dead worker's job is taken over after it */
  jobsLeaseMs: env.get('JOBS_LEASE_MS') ?? 5 * 60_000,
  sessionDriver: env.get('SESSION_DRIVER') ?? (redisUrl ? ('redis' as const) : ('cookie' as const)),
  uploadsDir: join(dataDir, 'uploads'),
  demoData: env.get('DEMO_DATA') ?? true,
}

export type Runtime = typeof runtime
export default runtime
