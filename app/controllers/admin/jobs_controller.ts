import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import RetryJob from '#actions/system/retry_job'
import { jobStates, type JobState } from '#jobs/queue'
import { jobFiltersValidator, jobIdValidator } from '#validators/job_filters'
import SettingsPolicy from '#policies/settings_policy'
import { staffActor } from '#services/actor'
import { filtersFrom } from '#controllers/admin/query_filters'

export const JOBS_PER_PAGE = 50
const LIST_PATH = '/admin/system/jobs'

/** Admin › System › Jobs: failed (and pending, running) background jobs, with a retry for failed ones. */
export default class JobsController {
  /** The list of one state (failed by default); for htmx filter requests, only the table fragment. */
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(SettingsPolicy).authorize('manage')
    const { filters } = await filtersFrom(request, jobFiltersValidator)
    const state: JobState = filters.state ?? 'failed'
    const page = filters.page ?? 1

    const queue = await app.container.make('stockroom.queue')
    const { total, jobs } = await queue.listJobs(state, { offset: (page - 1) * JOBS_PER_PAGE, limit: JOBS_PER_PAGE })
    const lastPage = Math.max(1, Math.ceil(total / JOBS_PER_PAGE))
    const pageUrl = (number: number) => `${LIST_PATH}?state=${state}&page=${number}`
    const table = {
      // not `state`: templates reserve that name for their own state object
      jobState: state,
      jobs,
      total,
      page,
      lastPage,
      previousUrl: page > 1 ? pageUrl(page - 1) : null,
      nextUrl: page < lastPage ? pageUrl(page + 1) : null,
    }

    return htmx.render('pages/admin/jobs/index', 'pages/admin/jobs/_table', table, {
      pageData: async () => ({ states: jobStates, counts: await queue.countJobs(), queueDriver: queue.driver }),
    })
  }

  /** Queues a failed job again; anything else is refused with a flash message. */
  @inject()
  async retry(ctx: HttpContext, retryJob: RetryJob) {
    const { bouncer, htmx, params, response, session, view } = ctx
    await bouncer.with(SettingsPolicy).authorize('manage')
    const [, valid] = await jobIdValidator.tryValidate(params)
    if (!valid) return response.notFound('No such job')
    const result = await retryJob.handle(valid.id, staffActor(ctx))

    if (result === 'missing') return response.notFound('No such job: it may have been removed')
    htmx.vary()
    if (result === 'retried') session.flash('notice', 'Job queued again')
    else session.flash('error', 'Only failed jobs can be retried; this one is no longer failed.')
    if (htmx.isRequest) {
      // htmx swaps the row for a short status line; the flash comes back as a toast
      return view.render('pages/admin/jobs/_retried_row', { id: valid.id, retried: result === 'retried' })
    }
    return response.redirect().status(303).toPath(LIST_PATH)
  }
}
