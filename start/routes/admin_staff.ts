/*
|--------------------------------------------------------------------------
| Back-office: staff, roles, audit log
|--------------------------------------------------------------------------
|
| staff.manage for staff and the audit log, roles.manage for roles
| (checked by the route permission table and again in each controller).
| The invitation page is for people who have no account yet.
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'
import limiter from '@adonisjs/limiter/services/main'
import { middleware } from '#start/kernel'

const StaffController = () => import('#controllers/admin/staff_controller')
const StaffInvitationsController = () => import('#controllers/admin/staff_invitations_controller')
const RolesController = () => import('#controllers/admin/roles_controller')
const AuditLogsController = () => import('#controllers/admin/audit_logs_controller')

/** Accepting an invitation: 10 tries a minute per IP, then 15 minutes blocked, against token guessing. */
export const staffInviteThrottle = limiter.define('staff_invite', (ctx) => {
  return limiter.allowRequests(10).every('1 minute').blockFor('15 minutes').usingKey(`staff_invite_${ctx.request.ip()}`)
})

const id = recordId

router
  .group(() => {
    router.get('invitations/:token', [StaffInvitationsController, 'show']).as('invitations.show')
    router.post('invitations/:token', [StaffInvitationsController, 'accept']).as('invitations.accept')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffGuest(), staffInviteThrottle])

router
  .group(() => {
    router.get('staff', [StaffController, 'index']).as('staff.index')
    router.get('staff/invite', [StaffController, 'create']).as('staff.invite.create')
    router.post('staff/invitations', [StaffController, 'invite']).as('staff.invite')
    router.post('staff/invitations/:id/resend', [StaffController, 'resendInvite']).where('id', id).as('staff.invite.resend')
    router.post('staff/invitations/:id/revoke', [StaffController, 'revokeInvite']).where('id', id).as('staff.invite.revoke')
    router.put('staff/:id/role', [StaffController, 'updateRole']).where('id', id).as('staff.role')
    router.post('staff/:id/deactivate', [StaffController, 'deactivate']).where('id', id).as('staff.deactivate')
    router.post('staff/:id/reactivate', [StaffController, 'reactivate']).where('id', id).as('staff.reactivate')

    router.get('roles/new', [RolesController, 'create']).as('roles.create')
    router.resource('roles', RolesController).only(['index', 'store', 'edit', 'update', 'destroy']).where('id', id)

    router.get('audit', [AuditLogsController, 'index']).as('audit.index')
    router.get('audit/export.csv', [AuditLogsController, 'export']).as('audit.export')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
