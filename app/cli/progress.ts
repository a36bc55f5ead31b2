import { performance } from 'node:perf_hooks'
import cliProgress from 'cli-progress'
import type { CliIO } from '#cli/context'

export interface ProgressSample {
  rows: number
  bytes: number
  totalBytes: number
}

/**
 * Reports a long run: a bar with rate and ETA on a terminal (stderr, so
 * stdout stays clean for --json and pipes), else a plain line every
 * `every` rows, which reads well in cron mail and CI logs.
 */
export function createProgress(io: CliIO, label: string, every = 5000) {
  const started = performance.now()
  const rate = (rows: number) => Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001))
  let nextLine = every

  if (io.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 100,
      },
      cliProgress.Presets.shades_classic
    )
    let running = false
    return {
      update(sample: ProgressSample) {
        if (!running) {
          bar.start(Math.max(sample.totalBytes, 1), 0, { rows: 0, rate: 0 })
          running = true
        }
        bar.update(sample.bytes, { rows: sample.rows, rate: rate(sample.rows) })
      },
      stop() {
        if (running) bar.stop()
      },
    }
  }

  return {
    update(sample: ProgressSample) {
      if (sample.rows < nextLine) return
      nextLine = sample.rows + every
      const percent = sample.totalBytes ? Math.floor((sample.bytes / sample.totalBytes) * 100) : 0
      io.stderr(`${label}: ${sample.rows} rows (${percent}%), ${rate(sample.rows)} rows/s\n`)
    },
    stop() {},
  }
}
