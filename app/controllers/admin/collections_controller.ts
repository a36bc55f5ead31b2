import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SaveCollection from '#actions/catalog/save_collection'
import DeleteCollection from '#actions/catalog/delete_collection'
import Collection from '#models/collection'
import { CatalogInputError } from '#exceptions/catalog_errors'
import CatalogPolicy from '#policies/catalog_policy'
import { editAccess, FULL_ACCESS, type EditAccess } from '#policies/edit_access'
import { fieldErrors } from '#controllers/admin/form_errors'
import { staffActor } from '#services/actor'
import {
  blankCollectionForm,
  formFromCollection,
  formFromCollectionBody,
  listAdminCollections,
  memberTitles,
  pickableProducts,
  type CollectionFormState,
} from '#queries/admin_collections_query'
import { collectionPickerValidator, collectionSortOrders, collectionValidator } from '#validators/collection'

const LIST_PATH = '/admin/collections'

/** Admin › Collections: manual (picked, ordered products) and smart (rule-based) collections. */
export default class CollectionsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('read')
    return view.render('pages/admin/collections/index', { rows: await listAdminCollections() })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('write')
    return renderForm(view, { form: blankCollectionForm() })
  }

  @inject()
  async store(ctx: HttpContext, saveCollection: SaveCollection) {
    return save(ctx, saveCollection, null)
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('read')
    const collection = await Collection.findOrFail(params.id)
    return renderForm(view, { form: await formFromCollection(collection), collection, access: await editAccess(bouncer, CatalogPolicy, 'write') })
  }

  @inject()
  async update(ctx: HttpContext, saveCollection: SaveCollection) {
    const collection = await Collection.findOrFail(ctx.params.id)
    return save(ctx, saveCollection, collection)
  }

  @inject()
  async destroy({ auth, bouncer, params, request, response, session }: HttpContext, deleteCollection: DeleteCollection) {
    await bouncer.with(CatalogPolicy).authorize('write')
    const collection = await deleteCollection.handle(Number(params.id), staffActor({ auth, request }))
    session.flash('notice', `Collection "${collection.title}" deleted`)
    return response.redirect().status(303).toPath(LIST_PATH)
  }

  /** htmx fragment: products matching the search, each with a checkbox that adds it on save. */
  async picker({ bouncer, request, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('read')
    const [, input] = await collectionPickerValidator.tryValidate(request.qs())
    return view.render('pages/admin/collections/_picker', { products: await pickableProducts(input?.q) })
  }
}

async function save(ctx: HttpContext, saveCollection: SaveCollection, collection: Collection | null) {
  const { auth, bouncer, request, response, session, view } = ctx
  await bouncer.with(CatalogPolicy).authorize('write')
  const body = request.all()
  const refuse = async (errors: Record<string, string>) => {
    response.status(422)
    const form = formFromCollectionBody(body, await memberTitles(body))
    return renderForm(view, { form, collection: collection ?? undefined, errors })
  }

  const [error, input] = await collectionValidator.tryValidate(body)
  if (error) return refuse(fieldErrors(error))
  try {
    const saved = await saveCollection.handle(collection?.id ?? null, input, staffActor({ auth, request }))
    session.flash('notice', `Collection "${saved.title}" saved`)
    return response.redirect().status(303).toPath(`${LIST_PATH}/${saved.id}/edit`)
  } catch (caught) {
    if (caught instanceof CatalogInputError) return refuse(caught.errors)
    throw caught
  }
}

function renderForm(
  view: HttpContext['view'],
  state: { form: CollectionFormState; collection?: Collection; errors?: Record<string, string>; access?: EditAccess }
) {
  return view.render('pages/admin/collections/form', {
    errors: {},
    // new and refused-save forms are only reached by staff who may write
    access: FULL_ACCESS,
    sortOrders: collectionSortOrders,
    ruleFields: [
      { value: 'tag', label: 'Tag is' },
      { value: 'type', label: 'Type is' },
      { value: 'vendor', label: 'Vendor is' },
      { value: 'price_below', label: 'Price below' },
      { value: 'price_above', label: 'Price above' },
    ],
    ...state,
  })
}
