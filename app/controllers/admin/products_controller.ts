import { plural } from '#services/plural'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CreateProduct from '#actions/catalog/create_product'
import UpdateProduct from '#actions/catalog/update_product'
import DeleteProducts from '#actions/catalog/delete_products'
import BulkUpdateProducts from '#actions/catalog/bulk_update_products'
import CatalogPolicy from '#policies/catalog_policy'
import { editAccess, FULL_ACCESS, type EditAccess } from '#policies/edit_access'
import { fieldErrors } from '#controllers/admin/form_errors'
import { filtersFrom } from '#controllers/admin/query_filters'
import { staffActor } from '#services/actor'
import { CatalogInputError, ProductConflictError } from '#exceptions/catalog_errors'
import { PRODUCT_STATUSES } from '#models/product'
import Product from '#models/product'
import { listAdminProducts, productFilterChoices } from '#queries/admin_products_query'
import { productImagesPanel } from '#queries/admin_product_images_query'
import { blankProductForm, formFromBody, formFromProduct, type ProductFormState } from '#queries/admin_product_form_query'
import {
  bulkProductsValidator,
  createProductValidator,
  productFiltersValidator,
  productSorts,
  updateProductValidator,
} from '#validators/product'

const LIST_PATH = '/admin/products'

/** Admin › Products: the list with bulk actions, and the product editor. */
export default class ProductsController {
  async index({ bouncer, htmx, request }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('read')
    const { filters } = await filtersFrom(request, productFiltersValidator)
    const products = await listAdminProducts(filters, LIST_PATH)
    const canWrite = await bouncer.with(CatalogPolicy).allows('write')
    return htmx.render('pages/admin/products/index', 'pages/admin/products/_table', { products, filters, canWrite }, {
      pageData: async () => ({ choices: await productFilterChoices(), statuses: PRODUCT_STATUSES, sorts: productSorts, sortLabels }),
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('write')
    return renderForm(view, { form: blankProductForm() })
  }

  @inject()
  async store({ auth, bouncer, request, response, session, view }: HttpContext, createProduct: CreateProduct) {
    await bouncer.with(CatalogPolicy).authorize('write')
    const body = request.all()
    const [error, input] = await createProductValidator.tryValidate(body)
    if (error) return invalid(response, view, body, fieldErrors(error))
    try {
      const product = await createProduct.handle(input, staffActor({ auth, request }))
      session.flash('notice', `Product "${product.title}" created`)
      return response.redirect().status(303).toPath(`${LIST_PATH}/${product.id}/edit`)
    } catch (caught) {
      if (caught instanceof CatalogInputError) return invalid(response, view, body, caught.errors)
      throw caught
    }
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('read')
    const { product, form } = await formFromProduct(params.id)
    return renderForm(view, { form, product, access: await editAccess(bouncer, CatalogPolicy, 'write') })
  }

  @inject()
  async update({ auth, bouncer, params, request, response, session, view }: HttpContext, updateProduct: UpdateProduct) {
    await bouncer.with(CatalogPolicy).authorize('write')
    const product = await Product.findOrFail(params.id)
    const body = request.all()
    const [error, input] = await updateProductValidator.tryValidate(body)
    if (error) return invalid(response, view, body, fieldErrors(error), product)
    try {
      await updateProduct.handle(product.id, input, staffActor({ auth, request }))
      session.flash('notice', `Product "${input.title}" saved`)
      return response.redirect().status(303).toPath(`${LIST_PATH}/${product.id}/edit`)
    } catch (caught) {
      if (caught instanceof CatalogInputError) return invalid(response, view, body, caught.errors, product)
      if (caught instanceof ProductConflictError) {
        // 409 with the staff member's input still in the form; the latest version is one link away.
        response.status(409)
        return renderForm(view, { form: formFromBody(body), product, conflict: true })
      }
      throw caught
    }
  }

  @inject()
  async destroy({ auth, bouncer, params, request, response, session }: HttpContext, deleteProducts: DeleteProducts) {
    await bouncer.with(CatalogPolicy).authorize('write')
    const result = await deleteProducts.handle([Number(params.id)], staffActor({ auth, request }))
    session.flash('notice', result.deleted ? 'Product deleted' : 'The product was already gone')
    return response.redirect().status(303).toPath(LIST_PATH)
  }

  /** Bulk bar: status and tag changes at once; deletion asks for a confirmation page first. */
  @inject()
  async bulk(ctx: HttpContext, bulkUpdate: BulkUpdateProducts, deleteProducts: DeleteProducts) {
    const { bouncer, request, response, session, view } = ctx
    await bouncer.with(CatalogPolicy).authorize('write')
    const [error, input] = await bulkProductsValidator.tryValidate(request.all())
    if (error) {
      session.flash('error', 'Select at least one product and an action (and a tag for tag actions).')
      return response.redirect().status(303).toPath(LIST_PATH)
    }
    const actor = staffActor(ctx)
    if (input.action === 'delete') {
      if (!input.confirm) {
        const products = await Product.query().whereIn('id', input.ids).select('id', 'title').orderBy('title')
        return view.render('pages/admin/products/confirm_delete', { products })
      }
      const result = await deleteProducts.handle(input.ids, actor)
      session.flash('notice', `${plural(result.deleted, 'product')} deleted`)
      return response.redirect().status(303).toPath(LIST_PATH)
    }
    const result = await bulkUpdate.handle(input.ids, input.action, input.tag, actor)
    session.flash('notice', `${bulkLabels[input.action]}: ${plural(result.changed, 'product')} changed, ${result.unchanged} already so`)
    return response.redirect().status(303).toPath(LIST_PATH)
  }
}

const sortLabels: Record<(typeof productSorts)[number], string> = {
  'title': 'Title A–Z',
  '-title': 'Title Z–A',
  'updated': 'Least recently updated',
  '-updated': 'Recently updated',
  'price': 'Price, low to high',
  '-price': 'Price, high to low',
}

const bulkLabels = { publish: 'Published', unpublish: 'Set to draft', archive: 'Archived', add_tag: 'Tag added', remove_tag: 'Tag removed' }

async function renderForm(
  view: HttpContext['view'],
  state: { form: ProductFormState; product?: Product; errors?: Record<string, string>; conflict?: boolean; access?: EditAccess }
) {
  return view.render('pages/admin/products/form', {
    errors: {},
    conflict: false,
    // new and refused-save forms are only reached by staff who may write
    access: FULL_ACCESS,
    statuses: PRODUCT_STATUSES,
    // the Images panel (its forms post to ProductImagesController)
    imagesPanel: state.product ? await productImagesPanel(state.product.id) : null,
    ...state,
  })
}

function invalid(
  response: HttpContext['response'],
  view: HttpContext['view'],
  body: Record<string, unknown>,
  errors: Record<string, string>,
  product?: Product
) {
  response.status(422)
  return renderForm(view, { form: formFromBody(body), product, errors })
}
