import { BaseCheck, Result } from '@adonisjs/core/health'
import type { ReadReplicas } from '#services/read_replicas'

/**
 * Each read replica's lag and whether it serves reads, for /health/ready's
 * report. A replica out of rotation is a warning, not a failure: its reads
 * go to the primary, so the process still serves every request.
 */
export class ReplicaLagCheck extends BaseCheck {
  name = 'Read replicas'

  constructor(private replicas: ReadReplicas) {
    super()
  }

  async run() {
    await this.replicas.start()
    const report = this.replicas.report()
    const out = report.replicas.filter((replica) => !replica.inRotation)
    const result = !out.length
      ? Result.ok(`${report.replicas.length} of ${report.replicas.length} in rotation`)
      : Result.warning(
          `${report.replicas.length - out.length} of ${report.replicas.length} in rotation; reads of ${out.map((replica) => replica.replica).join(', ')} go elsewhere`
        )
    return result.mergeMetaData(report)
  }
}
