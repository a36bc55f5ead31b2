import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import RetryJob from '#actions/system/retry_job'
import { jobStates, type JobState } from '#jobs/queue'
import { jobFiltersValidator, jobIdValidator } from '#validators/job_filters'

/** Staff permission needed: payloads may hold customer data, and a retry re-runs side effects. */
export const JOBS_PERMISSION = 'settings.manage'

export const JOBS_PER_PAGE = 50
const LIST_PATH = '/admin/system/jobs'

/** Admin › System › Jobs: failed (and pending, running) background jobs, with a retry for failed ones. */
export default class JobsController {
  /** The list of one state (failed by default); for htmx filter requests, only the table fragment. */
  async index({ auth, request, response, view }: HttpContext) {
    if (!(await mayManage(auth))) return forbidden(response)
    const [, validated] = await jobFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const state: JobState = validated?.state ?? 'failed'
    const page = validated?.page ?? 1

    const queue = await app.container.make('stockroom.queue')
    const { total, jobs } = await queue.listJobs(state, { offset: (page - 1) * JOBS_PER_PAGE, limit: JOBS_PER_PAGE })
    const lastPage = Math.max(1, Math.ceil(total / JOBS_PER_PAGE))
    const pageUrl = (number: number) => `${LIST_PATH}?state=${state}&page=${number}`
    const table = {
      state,
      jobs,
      total,
      page,
      lastPage,
      previousUrl: page > 1 ? pageUrl(page - 1) : null,
      nextUrl: page < lastPage ? pageUrl(page + 1) : null,
    }

    response.header('Vary', 'HX-Request')
    if (request.header('hx-request') && !request.header('hx-boosted')) {
      return view.render('pages/admin/jobs/_table', table)
    }
    return view.render('pages/admin/jobs/index', {
      ...table,
      states: jobStates,
      counts: await queue.countJobs(),
      queueDriver: queue.driver,
    })
  }

  /** Queues a failed job again; anything else is refused with a flash message. */
  @inject()
  async retry({ auth, params, request, response, session, view }: HttpContext, retryJob: RetryJob) {
    if (!(await mayManage(auth))) return forbidden(response)
    const [, valid] = await jobIdValidator.tryValidate(params)
    if (!valid) return response.notFound('No such job')
    const staffUser = auth.use('staff').user!
    const result = await retryJob.handle(valid.id, { type: 'staff', id: staffUser.id, ip: request.ip() })

    if (result === 'missing') return response.notFound('No such job: it may have been removed')
    if (request.header('hx-request')) {
      // htmx swaps the row for a short status line
      response.header('Vary', 'HX-Request')
      return view.render('pages/admin/jobs/_retried_row', { id: valid.id, retried: result === 'retried' })
    }
    if (result === 'retried') session.flash('notice', 'Job queued again')
    else session.flash('error', 'Only failed jobs can be retried; this one is no longer failed.')
    return response.redirect().status(303).toPath(LIST_PATH)
  }
}

function mayManage(auth: HttpContext['auth']) {
  return auth.use('staff').user!.can(JOBS_PERMISSION)
}

function forbidden(response: HttpContext['response']) {
  return response.forbidden('Jobs need the settings.manage permission. Ask a store owner.')
}

/** An empty filter field means "any", not an invalid value. */
function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== '' && value !== null))
}

