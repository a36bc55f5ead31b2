import type { HttpContext } from '@adonisjs/core/http'
import Role from '#models/role'
import { roleValidator } from '#validators/staff_admin'
import { permissionDescription, permissionGroups, permissionLabel } from '#policies/permissions'
import app from '@adonisjs/core/services/app'
import SaveRole from '#actions/staff/save_role'
import DeleteRole from '#actions/staff/delete_role'
import { StaffRuleError } from '#staff/staff_rules'
import { staffActor } from '#services/actor'
import { fieldErrors } from '#controllers/admin/form_errors'

const LIST_PATH = '/admin/roles'

/** Admin › Roles: the system roles and the owner's custom ones, each a checklist of permissions. */
export default class RolesController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('RolePolicy').authorize('manage')
    const roles = await Role.query().orderBy('is_system', 'desc').orderBy('name').withCount('staffUsers')
    return view.render('pages/admin/roles/index', { roles, permissionLabel, permissionDescription })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('RolePolicy').authorize('manage')
    return renderForm(view, null, { name: '', permissions: [] }, {})
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const role = await Role.findOrFail(params.id)
    await bouncer.with('RolePolicy').authorize('edit', role)
    return renderForm(view, role, { name: role.name, permissions: role.permissions }, {})
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('RolePolicy').authorize('manage')
    return save(ctx, null)
  }

  async update(ctx: HttpContext) {
    const role = await Role.findOrFail(ctx.params.id)
    await ctx.bouncer.with('RolePolicy').authorize('edit', role)
    return save(ctx, role)
  }

  async destroy(ctx: HttpContext) {
    const role = await Role.findOrFail(ctx.params.id)
    await ctx.bouncer.with('RolePolicy').authorize('delete', role)
    try {
      const deleted = await (await app.container.make(DeleteRole)).handle(role.id, staffActor(ctx))
      ctx.session.flash('notice', `Role ${deleted.name} deleted.`)
      return ctx.response.redirect().status(303).toPath(LIST_PATH)
    } catch (error) {
      if (!(error instanceof StaffRuleError)) throw error
      ctx.session.flash('error', error.message)
      return ctx.response.redirect().status(303).toPath(`${LIST_PATH}/${role.id}/edit`)
    }
  }
}

async function save(ctx: HttpContext, role: Role | null) {
  const body = ctx.request.only(['name', 'permissions'])
  const [error, input] = await roleValidator.tryValidate(body)
  const asked = [body.permissions ?? []].flat().map(String)
  if (error) {
    ctx.response.status(422)
    return renderForm(ctx.view, role, { name: body.name ?? '', permissions: asked }, fieldErrors(error))
  }
  // Nobody hands out a permission they do not hold themselves.
  const staff = ctx.auth.use('staff').user!
  for (const key of input.permissions ?? []) {
    if (!(await staff.can(key))) {
      ctx.response.status(422)
      return renderForm(ctx.view, role, { name: input.name, permissions: asked }, { permissions: `You cannot grant ${key}: you do not hold it.` })
    }
  }
  const saved = await (await app.container.make(SaveRole)).handle(role, { name: input.name, permissions: input.permissions ?? [] }, staffActor(ctx))
  ctx.session.flash('notice', `Role ${saved.name} saved.`)
  return ctx.response.redirect().status(303).toPath(LIST_PATH)
}

function renderForm(view: HttpContext['view'], role: Role | null, form: { name: string; permissions: string[] }, errors: Record<string, string>) {
  return view.render('pages/admin/roles/form', { role, form, errors, groups: permissionGroups() })
}
