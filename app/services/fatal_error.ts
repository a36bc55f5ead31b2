import { prettyPrintError } from '@adonisjs/core'

/**
 * Prints an error that stops a process (boot, a command, the test runner).
 *
 * The framework's printer wraps text to the terminal's width, which it reads
 * once from `process.stdout.columns`. Where output goes to a file, a pipe,
 * a container log or CI, there is no width and it wraps after every word, so
 * a one-line configuration message arrives as a column of single words.
 * Without a terminal we print the message and stack as plain lines instead.
 */
export async function printFatalError(error: unknown) {
  if (process.stdout.isTTY && process.stdout.columns) {
    await prettyPrintError(error)
    return
  }
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
  process.stderr.write(`${text}\n`)
}
