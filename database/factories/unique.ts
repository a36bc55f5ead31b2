import { randomBytes } from 'node:crypto'

let counter = 0

/** Short suffix that keeps factory rows apart on unique columns, even across test files. */
export function uniqueSuffix() {
  counter += 1
  return `${counter.toString(36)}${randomBytes(3).toString('hex')}`
}
