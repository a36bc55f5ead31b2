import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StaffUser from '#models/staff_user'
import Role from '#models/role'
import StaffInvitation from '#models/staff_invitation'

/** A staff change refused for a business reason; the message is for the person who asked. */
export class StaffRuleError extends Error {
  code = 'E_STAFF_RULE'
}

/**
 * Refuses a change that would leave the store without an active owner.
 * Reads the owners with row locks on PostgreSQL, so two owners demoting
 * each other at the same moment cannot both succeed; SQLite writes one
 * transaction at a time already.
 */
export async function keepAnActiveOwner(target: StaffUser, trx: TransactionClientContract) {
  const owner = await Role.query({ client: trx }).where('slug', 'owner').firstOrFail()
  if (target.roleId !== owner.id || !target.isActive) return
  // Lock every active owner (the target too) in id order: two demotions then queue on the same
  // rows instead of deadlocking, and the second re-reads the first's result.
  const owners = StaffUser.query({ client: trx }).where('role_id', owner.id).where('is_active', true).orderBy('id').select('id')
  if (trx.dialect.name === 'postgres') owners.forUpdate()
  if ((await owners).every((row) => row.id === target.id)) {
    throw new StaffRuleError(`${target.email} is the last active owner. Make someone else an owner first.`)
  }
}

/** The invitation, with its role, if it can still be resent or revoked; a StaffRuleError saying why not otherwise. */
export async function pendingInvitationOrFail(id: number, trx: TransactionClientContract) {
  const invitation = await StaffInvitation.query({ client: trx }).where('id', id).preload('role').firstOrFail()
  if (invitation.acceptedAt) throw new StaffRuleError(`${invitation.email} has already accepted the invitation.`)
  if (invitation.revokedAt) throw new StaffRuleError(`The invitation to ${invitation.email} was revoked; invite them again.`)
  return invitation
}
