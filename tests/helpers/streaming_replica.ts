import { execFile } from 'node:child_process'
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/**
 * A throwaway streaming replica of the test PostgreSQL server, for tests of
 * the read-replica routing: `pg_basebackup -R -X stream` into a temporary
 * folder, then a second `postgres` on its own port, run as the `postgres`
 * OS user (the test runs as root on the CI machine). Its folder and process
 * are removed by `destroy()`, which is safe to call twice.
 */
export class StreamingReplica {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private bin: string
  ) {}

  /** The replica's URL for a database of the primary's. */
  url(database: string) {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`
  }

  /**
   * Copies the primary at `primaryUrl` (a superuser on 127.0.0.1) and starts
   * the copy as its standby on `port`. Allows replication connections from
   * 127.0.0.1 in the primary's pg_hba.conf first if none are (idempotent).
   */
  static async create(primaryUrl: string, port: number) {
    const primary = new pg.Client({ connectionString: primaryUrl })
    await primary.connect()
    let bin: string
    let limits: Record<string, string>
    try {
      await allowLocalReplication(primary)
      const version = (await primary.query('show server_version_num')).rows[0].server_version_num as string
      bin = `/usr/lib/postgresql/${Math.floor(Number(version) / 10_000)}/bin`
      // A hot standby refuses to start with any of these below the primary's.
      const names = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction']
      const { rows } = await primary.query('select name, setting from pg_settings where name = any($1)', [names])
      limits = Object.fromEntries(rows.map((row) => [row.name, row.setting]))
    } finally {
      await primary.end()
    }

    const dataDir = mkdtempSync(join(tmpdir(), 'stockroom-replica-'))
    const replica = new StreamingReplica(dataDir, port, bin)
    try {
      const { uid, gid } = await postgresUser()
      chownSync(dataDir, uid, gid)
      const source = new URL(primaryUrl)
      await replica.asPostgres('pg_basebackup', [
        '-h', source.hostname, '-p', source.port || '5432', '-U', decodeURIComponent(source.username || 'postgres'),
        '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync',
      ])
      // Debian keeps the primary's configuration outside its data folder, so the copy has none.
      const settings = {
        port: String(port),
        listen_addresses: "'127.0.0.1'",
        unix_socket_directories: `'${dataDir}'`,
        hot_standby: 'on',
        shared_buffers: "'32MB'",
        fsync: 'off',
        ...limits,
      }
      writeFileSync(join(dataDir, 'postgresql.conf'), Object.entries(settings).map(([k, v]) => `${k} = ${v}\n`).join(''))
      writeFileSync(join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n')
      writeFileSync(join(dataDir, 'pg_ident.conf'), '')
      for (const file of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf']) chownSync(join(dataDir, file), uid, gid)
      await replica.start()
      return replica
    } catch (error) {
      await replica.destroy()
      throw error
    }
  }

  /** Starts the standby and waits until it accepts connections. */
  async start() {
    await this.asPostgres(`${this.bin}/pg_ctl`, ['-D', this.dataDir, '-l', join(this.dataDir, 'server.log'), '-w', '-t', '30', 'start'])
  }

  /** Stops it as `pg_ctl stop -m fast` does: open sessions are ended, queries in flight fail. */
  async stop() {
    await this.asPostgres(`${this.bin}/pg_ctl`, ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'])
  }

  /** The server's log, for a failure message. */
  log() {
    try {
      return readFileSync(join(this.dataDir, 'server.log'), 'utf8')
    } catch {
      return ''
    }
  }

  /** Stops the standby if it runs and removes its folder. */
  async destroy() {
    await this.asPostgres(`${this.bin}/pg_ctl`, ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {})
    rmSync(this.dataDir, { recursive: true, force: true })
  }

  private async asPostgres(command: string, args: string[]) {
    const asRoot = process.getuid?.() === 0
    await run(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, { timeout: 60_000 })
  }
}

async function postgresUser() {
  const { stdout } = await run('id', ['postgres'])
  const uid = Number(/uid=(\d+)/.exec(stdout)?.[1])
  const gid = Number(/gid=(\d+)/.exec(stdout)?.[1])
  return { uid, gid }
}

/**
 * pg_basebackup connects for replication, which an `all` database entry of
 * pg_hba.conf does not cover. Adds `host replication all 127.0.0.1/32 trust`
 * when no rule for replication exists, and reloads.
 */
async function allowLocalReplication(primary: pg.Client) {
  const { rows } = await primary.query(`select count(*)::int as rules from pg_hba_file_rules where 'replication' = any(database)`)
  if (rows[0].rules > 0) return
  const hbaFile = (await primary.query('show hba_file')).rows[0].hba_file as string
  appendFileSync(hbaFile, '\n# streaming replicas on this machine (Stockroom tests)\nhost replication all 127.0.0.1/32 trust\n')
  await primary.query('select pg_reload_conf()')
}
