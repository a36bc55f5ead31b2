import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import Collection from '#models/collection'
import { rowsFromRules, type RuleRow } from '#catalog/collection_rule_form'
import { MAX_COLLECTION_RULES } from '#validators/collection'

/** Collections with their member counts (one grouped query), title order. */
export async function listAdminCollections() {
  const collections = await Collection.query().orderBy('title').limit(1000)
  const counts = collections.length
    ? await db
        .from('collection_products')
        .select('collection_id')
        .count('* as total')
        .whereIn('collection_id', collections.map((collection) => collection.id))
        .groupBy('collection_id')
    : []
  const byId = new Map(counts.map((row) => [Number(row.collection_id), Number(row.total)]))
  return collections.map((collection) => ({ collection, productCount: byId.get(collection.id) ?? 0 }))
}

export interface CollectionFormState {
  title: string
  handle: string
  description: string
  kind: string
  published: boolean
  sortOrder: string
  seoTitle: string
  seoDescription: string
  rules: RuleRow[]
  members: Array<{ id: number; title: string; position: string; remove: boolean }>
}

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value))

function padRules(rows: RuleRow[]) {
  const padded = rows.slice(0, MAX_COLLECTION_RULES)
  while (padded.length < Math.min(MAX_COLLECTION_RULES, Math.max(3, rows.length + 1))) padded.push({ field: '', value: '' })
  return padded
}

export function blankCollectionForm(): CollectionFormState {
  return formFromCollectionBody({ kind: 'manual', sortOrder: 'manual', published: true }, new Map())
}

export async function formFromCollection(collection: Collection): Promise<CollectionFormState> {
  const members = await db
    .from('collection_products')
    .join('products', 'products.id', 'collection_products.product_id')
    .where('collection_products.collection_id', collection.id)
    .orderBy('collection_products.position')
    .select('products.id', 'products.title', 'collection_products.position')
  return {
    title: collection.title,
    handle: collection.handle,
    description: collection.descriptionHtml ?? '',
    kind: collection.kind,
    published: collection.published,
    sortOrder: collection.sortOrder,
    seoTitle: str(collection.seoTitle),
    seoDescription: str(collection.seoDescription),
    rules: padRules(rowsFromRules(collection.rules)),
    members: members.map((row) => ({ id: Number(row.id), title: row.title, position: str(row.position), remove: false })),
  }
}

/** Titles of the products a submitted form names, so a refused save shows them again. */
export async function memberTitles(body: Record<string, any>) {
  const ids = [...list(body.members).map((row) => Number(row.id)), ...list(body.addIds).map(Number)].filter(Number.isInteger)
  const rows = ids.length ? await db.from('products').select('id', 'title').whereIn('id', ids) : []
  return new Map(rows.map((row) => [Number(row.id), row.title as string]))
}

/** The form exactly as submitted; picked products become members at the end. */
export function formFromCollectionBody(body: Record<string, any>, titles: Map<number, string>): CollectionFormState {
  const members = list(body.members).map((row) => ({
    id: Number(row.id),
    title: titles.get(Number(row.id)) ?? `#${row.id}`,
    position: str(row.position),
    remove: Boolean(row.remove),
  }))
  for (const id of list(body.addIds).map(Number)) {
    if (!members.some((member) => member.id === id)) members.push({ id, title: titles.get(id) ?? `#${id}`, position: '', remove: false })
  }
  return {
    title: str(body.title),
    handle: str(body.handle),
    description: str(body.description),
    kind: str(body.kind) || 'manual',
    published: Boolean(body.published),
    sortOrder: str(body.sortOrder) || 'manual',
    seoTitle: str(body.seoTitle),
    seoDescription: str(body.seoDescription),
    rules: padRules(list(body.rules).map((row) => ({ field: str(row.field) as RuleRow['field'], value: str(row.value) }))),
    members,
  }
}

/** Products for the manual collection picker: title or handle contains the search, 20 at most. */
export async function pickableProducts(q: string | undefined) {
  const query = db.from('products').select('id', 'title', 'status').orderBy('title').limit(20)
  if (q) {
    const term = `%${q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    const like = runtime.database === 'pg' ? 'ilike' : 'like'
    query.where((search) => search.whereRaw(`title ${like} ? escape '\\'`, [term]).orWhereRaw(`handle like ? escape '\\'`, [term]))
  }
  return query
}

function list(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value
  return value && typeof value === 'object' ? Object.values(value) : []
}
