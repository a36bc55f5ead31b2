import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type StaffUser from '#models/staff_user'
import type { Permission } from '#policies/permissions'

/** An action of an area: allowed by any one of `anyOf`; `refusal` is the 403 body otherwise. */
export interface PermissionRule {
  anyOf: readonly Permission[]
  refusal: string
}

/**
 * Base of the back-office area policies. Each area lists its actions once,
 * as `static rules`, so the route permission table, controllers
 * (`bouncer.with(CatalogPolicy).authorize('write')`) and templates
 * (`@can('CatalogPolicy.write')`) ask the same question and get the same
 * refusal. A denied `authorize()` raises E_AUTHORIZATION_FAILURE, which
 * answers 403 with the rule's refusal: controllers never write a 403 by hand.
 */
export abstract class AreaPolicy extends BasePolicy {
  static rules: Record<string, PermissionRule> = {}

  protected async require(staff: StaffUser, rule: PermissionRule) {
    for (const key of rule.anyOf) if (await staff.can(key)) return true
    return AuthorizationResponse.deny(rule.refusal, 403)
  }
}
