import type { HttpContext } from '@adonisjs/core/http'
import { policyHtml, publishedPolicy } from '#settings/store_policies'

/**
 * `/policies/:handle`: a store policy as a page of the theme. Public and
 * page-cached; saving the policies drops every cached page (their links are
 * in every footer). A policy without text is a 404, never an empty page.
 */
export default class PoliciesController {
  async show({ params, response, view }: HttpContext) {
    const policy = await publishedPolicy(String(params.handle))
    if (!policy) return response.notFound(await view.render('pages/errors/not_found'))
    return view.render('pages/storefront/policies/show', { policy, policyBody: policyHtml(policy.text) })
  }
}
