import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

/*
| An SSE stream never ends by itself and Node's server.close() waits for
| every open connection, so without start/routes/live.ts ending the streams
| at termination a web process would ignore SIGTERM for as long as any
| order page or dashboard stays open (a deploy would hang). This runs the
| real server entry point in a child process.
*/

test.group('Order tracking | shutdown with open streams', () => {
  test('SIGTERM ends open event streams and the web process exits', async ({ assert, cleanup }) => {
    const port = Number(process.env.PORT) + 50
    const logFile = join(mkdtempSync(join(tmpdir(), 'stockroom-live-server-')), 'server.log')
    const fd = openSync(logFile, 'w')
    const child = spawn(process.execPath, ['--import=ts-node-maintained/register/esm', 'bin/server.js'], {
      cwd: app.makePath(),
      // no job work in it: this run's own tests own the queue
      env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', JOBS_IN_PROCESS: 'false' },
      stdio: ['ignore', fd, fd],
    })
    closeSync(fd)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    cleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    })

    const base = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 40_000
    for (;;) {
      const ok = await fetch(`${base}/health/live`).then((response) => response.ok, () => false)
      if (ok) break
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${readFileSync(logFile, 'utf8')}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }

    const stream = await fetch(`${base}/__transmit/events?uid=${randomUUID()}`)
    assert.equal(stream.status, 200)
    const reader = stream.body!.getReader()
    assert.include(new TextDecoder().decode((await reader.read()).value), ':ok')

    const stoppedAt = Date.now()
    child.kill('SIGTERM')
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))])
    assert.notEqual(code, 'hung', 'the process still runs 15 s after SIGTERM')
    assert.isBelow(Date.now() - stoppedAt, 15_000)
    // the stream was ended by the server, not cut by the test
    const rest = await reader.read().catch(() => ({ done: true }))
    assert.isTrue(rest.done)
  }).timeout(90_000)
})
