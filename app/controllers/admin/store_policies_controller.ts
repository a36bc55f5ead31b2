import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import SettingsPolicy from '#policies/settings_policy'
import SaveStoreSettings from '#actions/settings/save_store_settings'
import { submitSettingsForm } from '#controllers/admin/pricing_settings_form'
import { storeSettings } from '#settings/store_settings'
import { POLICY_DEFAULTS, STORE_POLICIES, type PolicySettings } from '#settings/store_policies'
import { storePoliciesValidator } from '#validators/store_policies'

const EDIT_PATH = '/admin/settings/policies'

/**
 * Admin › Settings › Policies: refund, shipping, privacy, terms and contact
 * information as plain text, saved as the `policies` section of the store
 * settings (audited; every cached storefront page is dropped, since the
 * footer links each written policy).
 */
export default class StorePoliciesController {
  async edit(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    return renderForm(ctx, { ...POLICY_DEFAULTS, ...(await storeSettings('policies')) }, {})
  }

  async update(ctx: HttpContext) {
    return submitSettingsForm(
      ctx,
      storePoliciesValidator,
      async (input, actor) => {
        const value = Object.fromEntries(STORE_POLICIES.map(({ key }) => [key, input[key] ?? ''])) as PolicySettings
        await (await app.container.make(SaveStoreSettings)).handle('policies', value, actor)
        return { notice: 'Policies saved.', redirectTo: EDIT_PATH }
      },
      (body, errors) => renderForm(ctx, body, errors)
    )
  }
}

function renderForm(ctx: HttpContext, form: Record<string, unknown>, errors: Record<string, string>) {
  return ctx.view.render('pages/admin/settings/policies', { form, errors, policies: STORE_POLICIES })
}
