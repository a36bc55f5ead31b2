import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Collection from '#models/collection'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { CatalogInputError } from '#exceptions/catalog_errors'
import { rulesFromRows } from '#catalog/collection_rule_form'
import { sanitizeRichText } from '#services/rich_text'
import { handleFrom } from '#catalog/variant_matrix'
import { dbTimestamp } from '#services/db_time'
import { invalidateCollections } from '#catalog/catalog_cache'
import type { CollectionInput } from '#validators/collection'

/**
 * Creates (collectionId null) or updates a collection from the admin
 * editor in one transaction, with an audit row. A manual collection's
 * members are rewritten in the order of their positions, products picked
 * in the search appended at the end; a smart collection stores its rules
 * and keeps no members. A taken handle or an unusable rule raises
 * CatalogInputError before anything is written.
 */
export default class SaveCollection {
  async handle(collectionId: number | null, input: CollectionInput, actor: Actor) {
    const { rules, errors } = rulesFromRows(input.kind === 'smart' ? (input.rules ?? []) : [])
    if (input.kind === 'smart' && !rules.length && !Object.keys(errors).length) {
      errors.rules = 'A smart collection needs at least one condition.'
    }
    if (Object.keys(errors).length) throw new CatalogInputError(errors)

    const saved = await db.transaction(async (trx) => {
      const handle = input.handle || handleFrom(input.title)
      const clash = trx.from('collections').select('id').where('handle', handle)
      if (collectionId) clash.whereNot('id', collectionId)
      if (await clash.first()) throw new CatalogInputError({ handle: `The handle "${handle}" is already used by another collection.` })

      const collection = collectionId ? await Collection.findOrFail(collectionId, { client: trx }) : new Collection()
      collection.useTransaction(trx)
      const before = collectionId ? await snapshot(collection, trx) : {}
      collection.merge({
        title: input.title,
        handle,
        descriptionHtml: sanitizeRichText(input.description) || null,
        kind: input.kind,
        rules: input.kind === 'smart' ? rules : null,
        sortOrder: input.sortOrder,
        published: Boolean(input.published),
        seoTitle: input.seoTitle ?? null,
        seoDescription: input.seoDescription ?? null,
      })
      await collection.save()
      await writeMembers(collection, input, trx)

      const changes = diffChanges(before, await snapshot(collection, trx))
      const action = collectionId ? 'collection.updated' : 'collection.created'
      await recordAudit({ actor, action, subjectType: 'collection', subjectId: collection.id, changes }, trx)
      return collection
    })
    await invalidateCollections([saved.id])
    return saved
  }
}

async function writeMembers(collection: Collection, input: CollectionInput, trx: TransactionClientContract) {
  const kept = input.kind === 'manual' ? (input.members ?? []).filter((member) => !member.remove) : []
  // A stable sort: equal positions keep their order on the page.
  const ordered = kept
    .map((member, index) => ({ id: member.id, position: member.position ?? index + 1, index }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map((member) => member.id)
  if (input.kind === 'manual') {
    for (const id of input.addIds ?? []) if (!ordered.includes(id)) ordered.push(id)
  }
  const existing = ordered.length ? await trx.from('products').select('id').whereIn('id', ordered) : []
  const valid = new Set(existing.map((row) => Number(row.id)))

  await trx.from('collection_products').where('collection_id', collection.id).delete()
  const now = dbTimestamp(trx)
  const rows = ordered
    .filter((id) => valid.has(id))
    .map((productId, index) => ({ collection_id: collection.id, product_id: productId, position: index + 1, created_at: now }))
  for (let start = 0; start < rows.length; start += 200) {
    await trx.table('collection_products').multiInsert(rows.slice(start, start + 200))
  }
}

async function snapshot(collection: Collection, trx: TransactionClientContract) {
  const members = await trx
    .from('collection_products')
    .where('collection_id', collection.id)
    .orderBy('position')
    .select('product_id')
  return {
    title: collection.title,
    handle: collection.handle,
    kind: collection.kind,
    published: collection.published,
    sortOrder: collection.sortOrder,
    descriptionHtml: collection.descriptionHtml,
    rules: collection.rules,
    productIds: members.map((row) => Number(row.product_id)),
  }
}
