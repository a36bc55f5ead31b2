import db from '@adonisjs/lucid/services/db'
import Collection from '#models/collection'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { invalidateCollections } from '#catalog/catalog_cache'

/** Deletes a collection (never its products) and records what it was in the audit log. */
export default class DeleteCollection {
  async handle(collectionId: number, actor: Actor) {
    const deleted = await db.transaction(async (trx) => {
      const collection = await Collection.findOrFail(collectionId, { client: trx })
      const changes = { deleted: { title: collection.title, handle: collection.handle, kind: collection.kind, rules: collection.rules } }
      await collection.useTransaction(trx).delete()
      await recordAudit({ actor, action: 'collection.deleted', subjectType: 'collection', subjectId: collectionId, changes }, trx)
      return collection
    })
    await invalidateCollections([collectionId])
    return deleted
  }
}
