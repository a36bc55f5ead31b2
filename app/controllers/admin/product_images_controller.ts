import { readFile } from 'node:fs/promises'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Product from '#models/product'
import UploadProductImages, { type ImageUpload } from '#actions/catalog/upload_product_images'
import UpdateProductImage from '#actions/catalog/update_product_image'
import MoveProductImage from '#actions/catalog/move_product_image'
import ReorderProductImages from '#actions/catalog/reorder_product_images'
import DeleteProductImage from '#actions/catalog/delete_product_image'
import CatalogPolicy from '#policies/catalog_policy'
import { editAccess } from '#policies/edit_access'
import { staffActor } from '#services/actor'
import { CatalogInputError } from '#exceptions/catalog_errors'
import { productImagesPanel } from '#queries/admin_product_images_query'
import { MAX_FILES_PER_UPLOAD, imageOrderValidator, moveImageValidator, productImageValidator, uploadImagesValidator } from '#validators/product_image'
import { plural } from '#services/plural'

/**
 * Admin › Product editor › Images: upload, alt text and variants, order,
 * delete. Every form posts and redirects back to the editor (no JavaScript
 * needed); with htmx the response is the refreshed panel instead, with the
 * outcome in it.
 */
export default class ProductImagesController {
  @inject()
  async store(ctx: HttpContext, uploadImages: UploadProductImages) {
    const { bouncer, params, request } = ctx
    await bouncer.with(CatalogPolicy).authorize('write')
    const product = await Product.findOrFail(params.id)
    const [error, input] = await uploadImagesValidator.tryValidate({ images: request.files('images') })
    if (error) {
      return this.#done(ctx, product.id, { error: `Choose between 1 and ${MAX_FILES_PER_UPLOAD} image files to upload.` }, 422)
    }
    const uploads: ImageUpload[] = input.images.map((file) => ({
      fileName: file.clientName,
      size: file.size,
      read: () => readFile(file.tmpPath!),
    }))
    const result = await uploadImages.handle(product.id, uploads, staffActor(ctx))
    const notice = result.added.length ? `${plural(result.added.length, 'image')} added` : null
    const refused = result.rejected.length
      ? result.rejected.map((rejected) => `${rejected.fileName}: ${rejected.message}`).join(' ')
      : null
    return this.#done(ctx, product.id, { notice, error: refused }, result.added.length ? 200 : 422)
  }

  @inject()
  async update(ctx: HttpContext, updateImage: UpdateProductImage) {
    const { bouncer, params, request } = ctx
    await bouncer.with(CatalogPolicy).authorize('write')
    const [error, input] = await productImageValidator.tryValidate(request.only(['alt', 'variantIds']))
    if (error) {
      return this.#done(ctx, Number(params.id), { error: 'Not saved: alt text may be at most 512 characters, and variants must be picked from the list.' }, 422)
    }
    try {
      await updateImage.handle(Number(params.id), Number(params.imageId), input, staffActor(ctx))
    } catch (caught) {
      if (caught instanceof CatalogInputError) return this.#done(ctx, Number(params.id), { error: caught.message }, 422)
      throw caught
    }
    return this.#done(ctx, Number(params.id), { notice: 'Image saved' })
  }

  @inject()
  async move(ctx: HttpContext, moveImage: MoveProductImage) {
    const { bouncer, params, request, response } = ctx
    await bouncer.with(CatalogPolicy).authorize('write')
    const [error, input] = await moveImageValidator.tryValidate(request.only(['direction']))
    if (error) return this.#done(ctx, Number(params.id), { error: 'Unknown move.' }, 422)
    const changed = await moveImage.handle(Number(params.id), Number(params.imageId), input.direction, staffActor(ctx))
    if (changed === null) return response.notFound('No such image')
    return this.#done(ctx, Number(params.id), { notice: changed ? 'Image order saved' : null })
  }

  @inject()
  async order(ctx: HttpContext, reorderImages: ReorderProductImages) {
    const { bouncer, params, request } = ctx
    await bouncer.with(CatalogPolicy).authorize('write')
    const productId = Number(params.id)
    const [error, input] = await imageOrderValidator.tryValidate(request.only(['imageIds']))
    const outcome = error ? 'stale' : await reorderImages.handle(productId, input.imageIds, staffActor(ctx))
    if (outcome === 'stale') {
      return this.#done(ctx, productId, { error: 'Not saved: the images changed since this page was loaded. Here they are as saved; drag again.' }, 409)
    }
    return this.#done(ctx, productId, { notice: outcome === 'changed' ? 'Image order saved' : null })
  }

  @inject()
  async destroy(ctx: HttpContext, deleteImage: DeleteProductImage) {
    const { bouncer, params } = ctx
    await bouncer.with(CatalogPolicy).authorize('write')
    const deleted = await deleteImage.handle(Number(params.id), Number(params.imageId), staffActor(ctx))
    return this.#done(ctx, Number(params.id), { notice: deleted ? 'Image deleted' : 'The image was already gone' })
  }

  /** htmx: the refreshed panel with the outcome in it. Otherwise: flash the outcome, 303 back to the editor's Images panel. */
  async #done(
    { bouncer, htmx, response, session, view }: HttpContext,
    productId: number,
    outcome: { notice?: string | null; error?: string | null },
    status = 200
  ) {
    htmx.vary()
    if (htmx.isRequest) {
      response.status(status)
      return view.render('pages/admin/products/_images', {
        imagesPanel: await productImagesPanel(productId),
        access: await editAccess(bouncer, CatalogPolicy, 'write'),
        outcome,
      })
    }
    // shown inside the panel, next to the form that caused it (the redirect jumps there)
    session.flash('imagesOutcome', outcome)
    return response.redirect().status(303).toPath(`/admin/products/${productId}/edit#images`)
  }
}
