import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { CollectionRule } from '#models/collection'
import { variantsOfRow } from '#queries/catalog_filters_sql'

type Query = DatabaseQueryBuilderContract<any>

const TEXT_COLUMNS = { title: 'products.title', product_type: 'products.product_type', vendor: 'products.vendor' } as const

/** One text condition, case-insensitive, on a column expression. */
function textCondition(query: Query, column: string, relation: CollectionRule['relation'], value: string) {
  const needle = value.trim().toLowerCase()
  if (relation === 'equals') return query.whereRaw(`lower(${column}) = ?`, [needle])
  if (relation === 'not_equals') return query.whereRaw(`coalesce(lower(${column}), '') <> ?`, [needle])
  if (relation === 'contains') return query.whereRaw(`lower(${column}) like ?`, [`%${needle}%`])
  return query.whereRaw('1 = 0')
}

/**
 * Limits a query on `products` to the members of a smart collection: every
 * rule must hold (see CollectionRule). A rule this code does not understand
 * matches nothing, so a typo in a rule never publishes the whole catalog.
 */
export function applyCollectionRules(query: Query, rules: CollectionRule[]) {
  if (!rules.length) return query.whereRaw('1 = 0')
  for (const rule of rules) {
    if (rule.field in TEXT_COLUMNS) {
      textCondition(query, TEXT_COLUMNS[rule.field as keyof typeof TEXT_COLUMNS], rule.relation, String(rule.value))
    } else if (rule.field === 'tag') {
      const tagged = db.from('product_tags as t').select(db.raw('1')).whereRaw('t.product_id = products.id')
      if (rule.relation === 'not_equals') {
        query.whereNotExists(textCondition(tagged, 't.tag', 'equals', String(rule.value)))
      } else {
        query.whereExists(textCondition(tagged, 't.tag', rule.relation, String(rule.value)))
      }
    } else if (rule.field === 'price' && ['less_than', 'greater_than'].includes(rule.relation)) {
      const amount = Number.parseInt(String(rule.value), 10)
      if (!Number.isFinite(amount)) query.whereRaw('1 = 0')
      else query.whereExists(variantsOfRow().where('v.price', rule.relation === 'less_than' ? '<' : '>', amount))
    } else {
      query.whereRaw('1 = 0')
    }
  }
  return query
}
