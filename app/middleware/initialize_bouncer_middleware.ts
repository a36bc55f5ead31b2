import { policies } from '#policies/main'
import * as abilities from '#policies/abilities'
import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type StaffUser from '#models/staff_user'
import { isMachineEndpoint, isPublicPage } from '#middleware/web_session_middleware'

/**
 * Gives each request its bouncer, for the signed-in staff member (the
 * customer guard never authorizes back-office abilities), and shares the
 * `@can` helpers with templates. Public cached pages and webhooks have no
 * session and no staff member, so they skip it.
 */
export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isPublicPage(ctx) || isMachineEndpoint(ctx)) return next()
    ctx.bouncer = new Bouncer<StaffUser, typeof abilities, typeof policies>(
      () => (ctx.auth?.use('staff').user as StaffUser | undefined) ?? null,
      abilities,
      policies
    ).setContainerResolver(ctx.containerResolver)
    if ('view' in ctx) ctx.view.share(ctx.bouncer.edgeHelpers)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<StaffUser, typeof abilities, typeof policies>
  }
}
