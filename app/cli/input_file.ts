import { statSync } from 'node:fs'
import { CliUsageError } from '#cli/context'

/**
 * Refuses, as bad usage (exit code 2), a path an import cannot read as a
 * file: missing, or a directory (which would otherwise surface as a raw
 * EISDIR from the parser).
 */
export function requireInputFile(path: string) {
  const stats = statSync(path, { throwIfNoEntry: false })
  if (!stats) throw new CliUsageError(`No such file: ${path}`)
  if (!stats.isFile()) throw new CliUsageError(`${path} is not a file`)
}
