import type { Command } from 'commander'

/** Where a command writes: the process streams in real use, buffers in tests. */
export interface CliIO {
  stdout(text: string): void
  stderr(text: string): void
  /** a terminal is watching stderr: draw a progress bar instead of log lines */
  isTTY: boolean
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
}

/** Bad usage the option parser could not catch (a missing file): exit code 2. */
export class CliUsageError extends Error {}

/** What every command factory receives. */
export class CliContext {
  /** set by a command that finished but wants a non-zero exit (1: some rows failed) */
  exitCode = 0

  constructor(readonly io: CliIO) {}

  /** `--json` was given (a global option, accepted before or after the command). */
  json(command: Command): boolean {
    return Boolean(command.optsWithGlobals().json)
  }

  /** Prints `data` as one JSON document with --json, else the human text. */
  print(command: Command, data: unknown, human: () => string) {
    this.io.stdout(this.json(command) ? JSON.stringify(data) + '\n' : human())
  }
}

/** One file per command under app/cli/commands exports one of these. */
export type CommandFactory = (cli: CliContext) => Command

/** Runs a VineJS validator on option values; its messages become one usage error (exit code 2). */
export async function validateOptions<Output>(validator: { validate(data: any): Promise<Output> }, data: unknown) {
  const { errors } = await import('@vinejs/vine')
  try {
    return await validator.validate(data)
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) {
      throw new CliUsageError(error.messages.map((m: { field: string; message: string }) => `${m.field}: ${m.message}`).join('; '))
    }
    throw error
  }
}
