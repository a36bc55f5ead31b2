import type { JobDefinition } from '#plugin_host/types'

/**
 * Jobs are known by stable names, never by file path, so a worker started
 * from another directory (or another release) still runs what a web
 * process queued.
 */
export class JobRegistry {
  #jobs = new Map<string, JobDefinition<any>>()

  define<Payload>(job: JobDefinition<Payload>) {
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(job.name)) {
      throw new Error(`Job name "${job.name}" is invalid: use lowercase letters, digits, dots and dashes`)
    }
    if (this.#jobs.has(job.name)) {
      throw new Error(`A job named "${job.name}" is already defined`)
    }
    this.#jobs.set(job.name, job)
  }

  get(name: string): JobDefinition<any> {
    const job = this.#jobs.get(name)
    if (!job) throw new Error(`No job named "${name}" is defined`)
    return job
  }

  has(name: string) {
    return this.#jobs.has(name)
  }

  names() {
    return [...this.#jobs.keys()]
  }
}
