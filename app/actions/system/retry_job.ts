import app from '@adonisjs/core/services/app'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import type { RetryJobResult } from '#jobs/queue'

/**
 * Queues a failed job again at a staff member's request, with its attempts
 * reset, and records who asked in the audit log. The queue decides
 * atomically that the job is failed (database: conditional update; BullMQ:
 * its own move to waiting), so a double click queues it once; anything
 * else is answered without changing it.
 */
export default class RetryJob {
  async handle(jobId: string, actor: Actor): Promise<RetryJobResult> {
    const queue = await app.container.make('stockroom.queue')
    const result = await queue.retry(jobId)
    if (result === 'retried') {
      await recordAudit({ actor, action: 'job.retried', subjectType: 'job', subjectId: jobId, changes: { driver: queue.driver } })
    }
    return result
  }
}
