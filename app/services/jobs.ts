import app from '@adonisjs/core/services/app'
import type { JobQueue } from '#jobs/queue'

let jobs: JobQueue

/** The job queue of the current runtime mode: the jobs table, or BullMQ. */
await app.booted(async () => {
  jobs = await app.container.make('stockroom.queue')
})

export { jobs as default }
