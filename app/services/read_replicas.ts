import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'
import type { Knex } from 'knex'
import type { ConnectionContract } from '@adonisjs/lucid/types/database'
import runtime from '#config/runtime'

/**
 * Read replicas (docs/scaling.md). Lucid gives the `pg` connection a read
 * client whose pool connects to the replicas in `DATABASE_READ_URL`; this
 * module decides, per query, whether that client may be used:
 *
 * - Only inside `readFromReplicas()` (the catalog pages, search and the
 *   back-office lists enter it: #middleware/replica_reads_middleware).
 *   Everywhere else a read runs on the primary: a shopper's cart, orders and
 *   account, jobs, commands, and anything in a transaction (Lucid runs those
 *   on the primary always), so a request reads what it just wrote.
 * - Only while a replica is in rotation. Every second the lag of each
 *   replica is measured; one further behind than REPLICA_MAX_LAG_MS, or
 *   unreachable, serves nothing until it catches up. A replica that drops a
 *   connection or refuses one leaves the rotation at once, and the query it
 *   held runs again on the primary, so its loss fails no request.
 *
 * Lucid's read client is patched on its knex instance, the way Lucid itself
 * patches it to pick a replica per connection (knex-dynamic-connection).
 */

/** How often each replica's lag is measured. */
const CHECK_INTERVAL_MS = 1_000
/** A lag check that takes longer counts as a failure (it runs beside requests, so it may wait a little). */
const CHECK_TIMEOUT_MS = 2_000
/** A replica that has not accepted a new pool connection by then leaves the rotation; the read waits that long at most. */
const CONNECT_TIMEOUT_MS = 1_000

interface ReadScope {
  replicas: boolean
  /** set when a query of the scope ran on a replica */
  usedReplica: boolean
}
const scope = new AsyncLocalStorage<ReadScope>()

/** Runs `work` with its reads allowed on a replica (they may lag by up to REPLICA_MAX_LAG_MS). */
export function readFromReplicas<T>(work: () => T): T {
  return scope.run({ replicas: true, usedReplica: false }, work)
}

/** Runs `work` with every read on the primary, inside a `readFromReplicas` scope too. */
export function readFromPrimary<T>(work: () => T): T {
  return scope.run({ replicas: false, usedReplica: false }, work)
}

/** Whether a query of the current `readFromReplicas` scope ran on a replica so far. */
export function readsCameFromReplica() {
  return scope.getStore()?.usedReplica ?? false
}

/** What /health/ready reports of one replica. */
export interface ReplicaReport {
  replica: string
  inRotation: boolean
  lagMs: number | null
  error: string | null
  /** queries this process ran on it */
  reads: number
  /** queries it lost (it stopped or crashed under them) that ran again on the primary */
  rerunOnPrimary: number
}

/** SQLSTATEs and socket errors after which a replica connection is gone, or the replica cannot serve. */
const LOST_CONNECTION_CODES = new Set([
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up, shutting down)
  '08000', '08001', '08003', '08004', '08006',
  '40001', // on a hot standby: cancelled by a conflict with recovery
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH',
])

function connectionLost(error: any) {
  return LOST_CONNECTION_CODES.has(error?.code) || /Connection terminated|timeout expired|not queryable/i.test(error?.message ?? '')
}

/** A WAL position ("16/B374D848") as a number that compares. */
function lsnValue(lsn: string) {
  const [high, low] = lsn.split('/')
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`)
}

class Replica {
  inRotation = false
  lagMs: number | null = null
  error: string | null = 'not checked yet'
  reads = 0
  rerunOnPrimary = 0
  monitor: pg.Client | null = null

  constructor(readonly url: string) {}

  /** host:port/database, never the password */
  get name() {
    const parsed = new URL(this.url)
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
  }

  takeOut(error: unknown) {
    this.inRotation = false
    this.error = error instanceof Error ? error.message : String(error)
    this.monitor?.end().catch(() => {})
    this.monitor = null
  }
}

/** A raw pg connection as knex pools it, tagged with the replica it talks to (none: the primary). */
type RawConnection = pg.Client & { stockroomReplica?: Replica }

export class ReadReplicas {
  readonly replicas: Replica[]
  /** reads a replica scope ran on the primary, none being in rotation */
  primaryReads = 0
  #next = 0
  #timer: NodeJS.Timeout | null = null
  #checking: Promise<void> | null = null
  #firstRound: Promise<void> = Promise.resolve()
  #primary: Knex | null = null
  /** the primary's WAL position at each recent check */
  #positions: Array<{ at: number; lsn: bigint }> = []

  constructor(
    urls: string[],
    readonly maxLagMs: number
  ) {
    this.replicas = urls.map((url) => new Replica(url))
  }

  /** How far behind the primary a read from a replica in rotation can be: the lag allowed, plus the time to the next check. */
  get stalenessBoundMs() {
    return this.maxLagMs + CHECK_INTERVAL_MS
  }

  get anyInRotation() {
    return this.replicas.some((replica) => replica.inRotation)
  }

  /** The next replica in rotation, round robin; undefined when none is. */
  pick() {
    const serving = this.replicas.filter((replica) => replica.inRotation)
    if (!serving.length) return undefined
    return serving[this.#next++ % serving.length]
  }

  /** Starts measuring lag (once per process); answers when the first round is done. */
  start() {
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS).unref()
      this.#firstRound = this.check()
    }
    return this.#firstRound
  }

  async stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#checking
    for (const replica of this.replicas) replica.takeOut('stopped')
  }

  /** Measures every replica once (a round already running is joined, not doubled). */
  check() {
    this.#checking ??= this.#checkAll().finally(() => (this.#checking = null))
    return this.#checking
  }

  report() {
    return { maxLagMs: this.maxLagMs, primaryReads: this.primaryReads, replicas: this.replicaReports() }
  }

  replicaReports(): ReplicaReport[] {
    return this.replicas.map((replica) => ({
      replica: replica.name,
      inRotation: replica.inRotation,
      lagMs: replica.lagMs,
      error: replica.error,
      reads: replica.reads,
      rerunOnPrimary: replica.rerunOnPrimary,
    }))
  }

  async #checkAll() {
    // Where the primary's WAL is now, kept for a while: a replica that has
    // replayed past the position the primary had at time T is at most
    // (now - T) behind, however quiet or busy the primary is.
    try {
      // the time before asking: the primary was at least this far when it answered
      const at = Date.now()
      const result = await this.#primary?.raw('select pg_current_wal_lsn()::text as lsn').timeout(CHECK_TIMEOUT_MS)
      if (result) this.#positions.push({ at, lsn: lsnValue(result.rows[0].lsn) })
    } catch {
      // the primary's own health is the database check's business
    }
    const keepFrom = Date.now() - this.maxLagMs - 3 * CHECK_INTERVAL_MS
    while (this.#positions.length > 1 && this.#positions[0].at < keepFrom) this.#positions.shift()
    await Promise.all(this.replicas.map((replica) => this.#checkOne(replica)))
  }

  async #checkOne(replica: Replica) {
    try {
      if (!replica.monitor) {
        const client = new pg.Client({
          connectionString: replica.url,
          connectionTimeoutMillis: CHECK_TIMEOUT_MS,
          query_timeout: CHECK_TIMEOUT_MS,
          application_name: 'stockroom-replica-check',
        })
        client.on('error', (error) => replica.takeOut(error))
        await client.connect()
        replica.monitor = client
      }
      const { rows } = await replica.monitor.query(
        `select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed,
          extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 as since_replay_ms`
      )
      const { standby, replayed, since_replay_ms: sinceReplayMs } = rows[0]
      if (!standby) throw new Error('not a standby: it takes writes of its own (promoted?)')
      const now = Date.now()
      // Two upper bounds of how stale its data is; the tighter one counts.
      // The age of its last replayed commit is tight on a busy primary; the
      // WAL positions are after a quiet spell (that commit may be hours old).
      const reached = replayed ? [...this.#positions].reverse().find((position) => position.lsn <= lsnValue(replayed)) : undefined
      const lag = Math.min(sinceReplayMs === null ? Infinity : Number(sinceReplayMs), reached ? now - reached.at : Infinity)
      replica.lagMs = Number.isFinite(lag) ? Math.max(0, Math.round(lag)) : null
      replica.inRotation = lag <= this.maxLagMs
      replica.error = replica.inRotation ? null : `behind the primary by more than ${this.maxLagMs} ms`
    } catch (error) {
      replica.lagMs = null
      replica.takeOut(error)
    }
  }

  /**
   * Routes the read client of a Lucid connection configured with
   * `replicas` (see the module comment). Idempotent per connection.
   */
  attach(connection: ConnectionContract) {
    const reader = connection.readClient?.client as any
    const primary = connection.client?.client as any
    if (!reader || !primary || reader === primary || reader.stockroomReplicas) return
    reader.stockroomReplicas = this
    this.#primary = connection.client!

    // Connections borrowed from the primary's pool for reads outside a replica scope.
    const borrowed = new WeakSet<object>()
    const acquire = reader.acquireConnection.bind(reader)
    const release = reader.releaseConnection.bind(reader)
    reader.acquireConnection = async () => {
      const current = scope.getStore()
      if (current?.replicas && this.anyInRotation) {
        const raw: RawConnection = await acquire()
        if (raw.stockroomReplica) {
          raw.stockroomReplica.reads++
          current.usedReplica = true
        }
        return raw
      }
      if (current?.replicas) this.primaryReads++
      const raw = await primary.acquireConnection()
      borrowed.add(raw)
      return raw
    }
    reader.releaseConnection = (raw: RawConnection) =>
      borrowed.delete(raw) ? primary.releaseConnection(raw) : release(raw)

    // A pooled connection serves only while its replica is in rotation; one
    // to the primary (made while none was) only until a replica is back.
    const validate = reader.validateConnection.bind(reader)
    reader.validateConnection = (raw: RawConnection) =>
      (raw.stockroomReplica ? raw.stockroomReplica.inRotation : !this.anyInRotation) && validate(raw)

    // New pool connections go to the next replica in rotation. Lucid's
    // acquireRawConnection reads the target from getRuntimeConnectionSettings
    // synchronously, before its first await.
    const primaryUrl = (connection.config as any).replicas.write.connection
    let target: Replica | undefined
    reader.getRuntimeConnectionSettings = () =>
      target ? { connectionString: target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS } : primaryUrl
    const connect = reader.acquireRawConnection.bind(reader)
    reader.acquireRawConnection = async (): Promise<RawConnection> => {
      const replica = (target = this.pick())
      let raw: RawConnection
      try {
        raw = await connect()
      } catch (error) {
        if (!replica) throw error
        replica.takeOut(error)
        return reader.acquireRawConnection()
      }
      if (replica) this.#failOverToPrimary(raw, replica, primary)
      return raw
    }
  }

  /**
   * Tags a replica connection and makes a query it loses (the replica stopped
   * or crashed under it) run again on the primary: the read pool holds
   * reads outside transactions only, so running one twice is harmless.
   */
  #failOverToPrimary(raw: RawConnection, replica: Replica, primary: any) {
    raw.stockroomReplica = replica
    const query = raw.query.bind(raw) as (...args: any[]) => any
    ;(raw as any).query = (config: any, callback?: any) => {
      if (typeof callback !== 'function') return query(config, callback)
      return query(config, (error: any, result: any) => {
        if (!error || !connectionLost(error)) return callback(error, result)
        replica.takeOut(error)
        replica.rerunOnPrimary++
        primary.acquireConnection().then((other: pg.Client) => {
          other.query(config, (retryError: any, retryResult: any) => {
            primary.releaseConnection(other)
            callback(retryError, retryResult)
          })
        }, callback)
      })
    }
  }
}

/** The process's replicas, from DATABASE_READ_URL; null without any. */
export const readReplicas = runtime.databaseReadUrls.length
  ? new ReadReplicas(runtime.databaseReadUrls, runtime.replicaMaxLagMs)
  : null
