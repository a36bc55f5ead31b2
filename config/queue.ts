import { defineConfig } from '@rlanz/bull-queue'
import runtime from '#config/runtime'
import { redisOptions } from '#config/redis'

/**
 * BullMQ (through @rlanz/bull-queue) runs jobs when JOBS_DRIVER is bullmq,
 * the default whenever REDIS_URL is set. Jobs are dispatched and worked by
 * stable names (app/jobs/job_registry.ts), not by file path, so a worker
 * deployed from another directory still runs them.
 */
export default defineConfig({
  defaultConnection: redisOptions(),
  queue: {
    prefix: runtime.redis ? 'stockroom' : 'stockroom-unused',
  },
  worker: {
    concurrency: 5,
  },
  jobs: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  },
})
