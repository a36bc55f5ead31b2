import { readFile } from 'node:fs/promises'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SettingsPolicy from '#policies/settings_policy'
import SaveHomePage from '#actions/settings/save_home_page'
import { fieldErrors } from '#controllers/admin/form_errors'
import { staffActor } from '#services/actor'
import { SETTINGS_PAGES } from '#settings/settings_pages'
import { SettingsInputError, storeSettings } from '#settings/store_settings'
import { homePageSettingsValidator } from '#validators/home_page_settings'
import { homePageForm, homePageFormFromBody, type HomePageForm } from '#queries/admin_home_page_query'

/**
 * Admin › Settings: the index of settings pages, and the home page's
 * settings (hero and featured collections). Everything here needs
 * settings.manage.
 */
export default class SettingsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    return ctx.view.render('pages/admin/settings/index', { pages: SETTINGS_PAGES })
  }

  async editHome(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    return renderHome(ctx, await homePageForm(await storeSettings('home')), {})
  }

  @inject()
  async updateHome(ctx: HttpContext, saveHomePage: SaveHomePage) {
    const { bouncer, request, response, session } = ctx
    await bouncer.with(SettingsPolicy).authorize('manage')
    const body = request.all()
    const file = request.file('heroImage')
    const [error, input] = await homePageSettingsValidator.tryValidate({ ...body, heroImage: file ?? undefined })
    if (error) return renderHome(ctx, await homePageFormFromBody(body, await storeSettings('home')), fieldErrors(error), 422)
    const upload = file?.tmpPath ? { fileName: file.clientName, size: file.size, read: () => readFile(file.tmpPath!) } : null
    try {
      await saveHomePage.handle(input, upload, staffActor(ctx))
    } catch (caught) {
      if (!(caught instanceof SettingsInputError)) throw caught
      return renderHome(ctx, await homePageFormFromBody(body, await storeSettings('home')), caught.errors, 422)
    }
    session.flash('notice', 'Home page saved. The storefront shows it now.')
    return response.redirect().status(303).toRoute('admin.settings.home.edit')
  }
}

async function renderHome(ctx: HttpContext, form: HomePageForm, errors: Record<string, string>, status = 200) {
  ctx.response.status(status)
  return ctx.view.render('pages/admin/settings/home', { form, errors })
}
