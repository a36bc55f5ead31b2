import type { HttpContext } from '@adonisjs/core/http'
import { fieldErrors } from '#controllers/admin/form_errors'
import { staffActor } from '#services/actor'
import SettingsPolicy from '#policies/settings_policy'
import { PricingSettingsError } from '#pricing/pricing_settings'
import type { Actor } from '#services/actor'

interface Validator<T> {
  tryValidate(data: unknown): Promise<[unknown, T] | [unknown, undefined]>
}

/**
 * The shape every settings form shares: permission → VineJS → action →
 * flash + 303, or the form again (422) with each message next to its field.
 */
export async function submitSettingsForm<T>(
  ctx: HttpContext,
  validator: Validator<T>,
  save: (input: NonNullable<T>, actor: Actor) => Promise<{ notice: string; redirectTo: string }>,
  renderForm: (body: Record<string, any>, errors: Record<string, string>) => Promise<string>
) {
  const { request, response, session } = ctx
  await ctx.bouncer.with(SettingsPolicy).authorize('manage')
  const body = request.all()
  const [error, input] = await validator.tryValidate(body)
  if (error) {
    response.status(422)
    return renderForm(body, fieldErrors(error))
  }
  try {
    const { notice, redirectTo } = await save(input as NonNullable<T>, staffActor(ctx))
    session.flash('notice', notice)
    return response.redirect().status(303).toPath(redirectTo)
  } catch (caught) {
    if (!(caught instanceof PricingSettingsError)) throw caught
    response.status(422)
    return renderForm(body, caught.errors)
  }
}

/** Deletes through `remove`; a refusal comes back as a flash error. Always 303 to `back`. */
export async function deleteSetting(ctx: HttpContext, back: string, remove: (actor: Actor) => Promise<string>) {
  const { response, session } = ctx
  await ctx.bouncer.with(SettingsPolicy).authorize('manage')
  try {
    session.flash('notice', await remove(staffActor(ctx)))
  } catch (caught) {
    if (!(caught instanceof PricingSettingsError)) throw caught
    session.flash('error', caught.message)
  }
  return response.redirect().status(303).toPath(back)
}
