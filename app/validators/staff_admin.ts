import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { PERMISSION_KEYS } from '#policies/permissions'

const id = () => recordId()

/** Admin › Staff › Invite. Emails are stored lower-cased, as sign-in compares them. */
export const inviteStaffValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    roleId: id(),
  })
)

export const staffRoleValidator = vine.compile(vine.object({ roleId: id() }))

export const recordIdValidator = vine.compile(vine.object({ id: id() }))

/** The invitee's own details on the accept page. */
export const acceptInviteValidator = vine.compile(
  vine.object({
    fullName: vine.string().trim().minLength(1).maxLength(160),
    password: vine.string().minLength(12).maxLength(512).confirmed({ confirmationField: 'passwordConfirmation' }),
  })
)

/** A role from the role editor; unknown permission keys are refused, not ignored. */
export const roleValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(120),
    permissions: vine.array(vine.string().in([...PERMISSION_KEYS])).optional(),
  })
)

/** Audit log filters (query string). `before` is the keyset cursor: the last id of the previous page. */
export const auditFiltersValidator = vine.compile(
  vine.object({
    staffId: id().optional(),
    action: vine.string().trim().maxLength(96).regex(/^[a-z0-9_.:*-]+$/).optional(),
    subjectType: vine.string().trim().maxLength(64).regex(/^[a-z0-9_]+$/).optional(),
    subjectId: vine.string().trim().maxLength(64).optional(),
    from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
    to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
    before: id().optional(),
  })
)

export type AuditFilters = Infer<typeof auditFiltersValidator>
