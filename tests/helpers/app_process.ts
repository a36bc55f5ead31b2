import { spawn } from 'node:child_process'
import app from '@adonisjs/core/services/app'

/**
 * Child processes of the app, for tests that need a store of their own:
 * `node ace …` commands and a web server booted from source, in embedded
 * mode (no PostgreSQL, no Redis) in their own data folder.
 */

export interface Run {
  code: number | null
  output: string
}

/** The app's environment for a child: embedded mode in its own data folder, quiet logs, plus `extra`. */
export function childEnv(dataDir: string, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error', ...extra }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  return env
}

/** Runs `node ace …` to its end; answers its exit code and what it printed. */
export function ace(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return node(['ace.js', ...args], env)
}

/** Runs `node <args>` in the app's folder to its end, output piped; answers its exit code and what it printed. */
export function node(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: app.makePath(), env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

/**
 * Starts `bin/server.js`, waits for /health/live, answers a stop function,
 * what it wrote to stderr so far (`errors`) and its log lines on stdout (`logs`).
 */
export async function startServer(port: number, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import=ts-node-maintained/register/esm', 'bin/server.js'], {
    cwd: app.makePath(),
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', JOBS_IN_PROCESS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  let logs = ''
  child.stderr!.on('data', (chunk) => (errors += chunk))
  child.stdout!.on('data', (chunk) => (logs += chunk))
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${errors}`)
    if (await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok, () => false)) {
      return { stop: () => child.kill('SIGKILL'), errors: () => errors, logs: () => logs }
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not start within 120 s: ${errors}`)
}
