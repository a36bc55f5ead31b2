import { test } from '@japa/runner'
import pg from 'pg'
import runtime from '#config/runtime'
import { ProductFactory } from '#database/factories/product_factory'
import { childEnv, startServer } from '#tests/helpers/app_process'
import { StreamingReplica } from '#tests/helpers/streaming_replica'
import { HttpAgent } from '#tests/helpers/http_agent'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'

/**
 * A web process with DATABASE_READ_URL pointing at a real streaming replica
 * of the test database (#tests/helpers/streaming_replica), which the test
 * stops under load and starts again.
 */
const testPort = Number(process.env.TEST_PORT ?? 3334)
const replicaPort = testPort + 2000
const webPort = testPort + 72
const base = `http://127.0.0.1:${webPort}`
const token = 'replica-test-health-token'
const maxLagMs = 2_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface ReplicaHealth {
  primaryReads: number
  replicas: Array<{ inRotation: boolean; lagMs: number | null; reads: number; rerunOnPrimary: number; error: string | null }>
}

async function replicaHealth(): Promise<ReplicaHealth> {
  const response = await fetch(`${base}/health/ready`, { headers: { authorization: `Bearer ${token}` } })
  const report = (await response.json()) as any
  return report.checks.find((check: any) => check.name === 'Read replicas').meta
}

async function waitFor(probe: () => Promise<boolean>, ms: number, message: string) {
  const started = performance.now()
  while (performance.now() - started < ms) {
    if (await probe()) return performance.now() - started
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(message)
}

/** Catalog pages that miss the page cache (a query string of their own), from `workers` loops until `stop()`. */
function catalogLoad(workers: number) {
  const statuses: number[] = []
  let running = true
  let n = 0
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const response = await fetch(`${base}/?load=${n++}`, { headers: { accept: 'text/html' } }).catch(() => null)
      statuses.push(response?.status ?? 0)
      await response?.arrayBuffer()
    }
  })
  return {
    statuses,
    async stop() {
      running = false
      await Promise.all(loops)
    },
  }
}

test.group('Read replicas | a streaming replica serves catalog reads and may go away', () => {
  test('catalog reads go to the replica, fall back to the primary when it stops, and come back', async ({ assert, cleanup }) => {
    const started = performance.now()
    await ProductFactory.create()
    const databaseUrl = runtime.databaseUrl!
    const database = new URL(databaseUrl).pathname.slice(1)

    // The replica is copied while the web process boots: it joins the rotation once it answers.
    // childEnv leaves the services out; this process gets the test database back, plus its replica.
    const [copied, booted] = await Promise.allSettled([
      StreamingReplica.create(databaseUrl, replicaPort).then((replica) => ({ replica, ms: performance.now() - started })),
      startServer(webPort, {
        ...childEnv(`${process.env.DATA_DIR ?? 'tmp/test-data'}/replica-web`),
        DATABASE_URL: databaseUrl,
        DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${replicaPort}/${database}`,
        HEALTH_TOKEN: token,
        REPLICA_MAX_LAG_MS: String(maxLagMs),
      }),
    ])
    if (copied.status === 'fulfilled') cleanup(() => copied.value.replica.destroy())
    if (booted.status === 'fulfilled') cleanup(() => void booted.value.stop())
    if (copied.status === 'rejected') throw copied.reason
    if (booted.status === 'rejected') throw booted.reason
    const { replica, ms: basebackupMs } = copied.value
    // when each phase ended, for the closing line
    const phases: string[] = []
    const phase = (name: string) => phases.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`)
    phase('booted')

    // In rotation once measured; then the catalog reads there, a cart page does not.
    await waitFor(async () => (await replicaHealth()).replicas[0].inRotation, 10_000, 'the replica never joined the rotation')
    for (let i = 0; i < 2; i++) assert.equal((await fetch(`${base}/?first=${i}`)).status, 200)
    const warm = await replicaHealth()
    assert.isAbove(warm.replicas[0].reads, 0, 'catalog pages read from the replica')
    assert.equal(warm.primaryReads, 0)
    const cartReadsBefore = warm.replicas[0].reads
    assert.equal((await fetch(`${base}/cart`)).status, 200)
    assert.equal((await replicaHealth()).replicas[0].reads, cartReadsBefore, 'the cart reads the primary')

    phase('catalog')
    // Back-office lists read the replica, except just after the session sent a change (signing in is one).
    const staff = await StaffUserFactory.apply('admin').create()
    const admin = new HttpAgent(base)
    const signIn = await admin.submit('/admin/login', '/admin/login', { email: staff.email, password: STAFF_PASSWORD })
    assert.equal(signIn.status, 302)
    const readsBeforeList = (await replicaHealth()).replicas[0].reads
    assert.equal((await admin.get('/admin/products')).status, 200)
    assert.equal((await replicaHealth()).replicas[0].reads, readsBeforeList, 'right after a change, the list reads the primary')
    await sleep(maxLagMs + 1_000)
    assert.equal((await admin.get('/admin/products')).status, 200)
    assert.isAbove((await replicaHealth()).replicas[0].reads, readsBeforeList, 'later, the list reads the replica')

    phase('lists')
    // Lagging (replay paused while the primary writes): out of rotation, and back once it catches up.
    const control = new pg.Client({ connectionString: replica.url(database) })
    await control.connect()
    await control.query('select pg_wal_replay_pause()')
    await ProductFactory.create()
    const laggingAfterMs = await waitFor(async () => !(await replicaHealth()).replicas[0].inRotation, maxLagMs + 5_000, 'a lagging replica stayed in rotation')
    assert.match((await replicaHealth()).replicas[0].error ?? '', /behind the primary/)
    await control.query('select pg_wal_replay_resume()')
    await control.end()
    await waitFor(async () => (await replicaHealth()).replicas[0].inRotation, 5_000, 'the replica did not return after catching up')

    phase('lag')
    // The replica's own view: the web process holds connections to it.
    const onReplica = new pg.Client({ connectionString: replica.url(database) })
    await onReplica.connect()
    cleanup(() => onReplica.end().catch(() => {}))
    const sessions = `select count(*)::int as count from pg_stat_activity
      where datname = $1 and application_name <> 'stockroom-replica-check' and pid <> pg_backend_pid()`
    assert.isAbove((await onReplica.query(sessions, [database])).rows[0].count, 0)

    // Catalog queries held in flight on the replica: a lock taken on the
    // primary is replayed there and makes its readers of products wait.
    const onPrimary = new pg.Client({ connectionString: databaseUrl })
    await onPrimary.connect()
    cleanup(() => onPrimary.end().catch(() => {}))
    await onPrimary.query('begin')
    await onPrimary.query('lock table products in access exclusive mode')
    const replayed = `select count(*)::int as count from pg_locks where mode = 'AccessExclusiveLock' and relation = 'products'::regclass`
    // a commit elsewhere (not on products: that would wait for the lock) flushes the WAL holding the lock
    const flush = new pg.Client({ connectionString: databaseUrl })
    await flush.connect()
    await flush.query('select txid_current()')
    await flush.end()
    await waitFor(async () => (await onReplica.query(replayed)).rows[0].count > 0, 20_000, 'the lock was not replayed').catch(async (error) => {
      const replay = await onReplica.query('select pg_last_wal_replay_lsn()::text as lsn, pg_is_wal_replay_paused() as paused')
      throw new Error(`${error.message}: ${JSON.stringify(replay.rows[0])} ${JSON.stringify(await replicaHealth())}`)
    })
    await waitFor(async () => (await replicaHealth()).replicas[0].inRotation, 10_000, 'the replica left the rotation')
    const load = catalogLoad(4)
    const waiting = `select count(*)::int as count from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`
    await waitFor(async () => (await onReplica.query(waiting, [database])).rows[0].count > 0, 20_000, 'no catalog query waited on the replica').catch(
      async (error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await replicaHealth())}`)
      }
    )
    await onReplica.end()

    phase('held')
    // Stopped under them: they run again on the primary, once its lock is gone.
    const stopStarted = performance.now()
    await replica.stop()
    const stopMs = performance.now() - stopStarted
    await onPrimary.query('commit')
    const outAfterMs = await waitFor(async () => !(await replicaHealth()).replicas[0].inRotation, 5_000, 'the stopped replica stayed in rotation')
    const primaryReadsAtStop = (await replicaHealth()).primaryReads
    await sleep(1_000)
    const duringOutage = await replicaHealth()
    assert.isAbove(duringOutage.replicas[0].rerunOnPrimary, 0, 'the queries the replica dropped ran on the primary')
    assert.isAbove(duringOutage.primaryReads, primaryReadsAtStop, 'catalog reads went to the primary')

    phase('stopped')
    // Started again: back in rotation and serving reads.
    await replica.start()
    const backAfterMs = await waitFor(async () => (await replicaHealth()).replicas[0].inRotation, 10_000, 'the restarted replica never came back')
    const readsAtReturn = (await replicaHealth()).replicas[0].reads
    await waitFor(async () => (await replicaHealth()).replicas[0].reads > readsAtReturn, 5_000, 'no read reached the replica after its return')
    await load.stop()
    phase('back')

    const failed = load.statuses.filter((status) => status !== 200)
    assert.deepEqual(failed, [], `${failed.length} of ${load.statuses.length} requests failed`)
    assert.isAtLeast(load.statuses.length, 8, 'the loops kept sending')
    console.log(
      `  replica: basebackup and start ${Math.round(basebackupMs)} ms; pg_ctl stop ${Math.round(stopMs)} ms, out of rotation ` +
        `${Math.round(outAfterMs)} ms later; back ${Math.round(backAfterMs)} ms after its restart; ` +
        `lagging one out ${Math.round(laggingAfterMs)} ms after replay paused; ${load.statuses.length} catalog requests under load, ${failed.length} failed, ${duringOutage.replicas[0].rerunOnPrimary} queries re-run on the primary; whole test ${Math.round(performance.now() - started)} ms (${phases.join(', ')})`
    )
    assert.isBelow(performance.now() - started, 60_000)
  })
    .skip(runtime.database !== 'pg', 'PostgreSQL only: a streaming replica needs a PostgreSQL primary')
    .timeout(90_000)
})
