import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import Product from '#models/product'
import { booleanColumn, jsonColumn } from '#models/columns'

export type CollectionKind = 'manual' | 'smart'

/**
 * One condition of a smart collection; a product belongs when EVERY rule
 * holds (app/queries/collection_rules.ts evaluates them in SQL). Examples:
 *
 * - tag is:      { field: 'tag', relation: 'equals', value: 'summer' } (also not_equals, contains)
 * - type is:     { field: 'product_type', relation: 'equals', value: 'Shirts' }
 * - vendor is:   { field: 'vendor', relation: 'equals', value: 'Acme' }
 * - title:       { field: 'title', relation: 'contains', value: 'linen' }
 * - price below: { field: 'price', relation: 'less_than', value: '2500' } (minor units; some variant is cheaper)
 * - price above: { field: 'price', relation: 'greater_than', value: '10000' }
 *
 * Text comparisons ignore case. A rule that is not understood (e.g. price
 * "contains") matches nothing, and a smart collection without rules is empty.
 */
export interface CollectionRule {
  field: 'title' | 'product_type' | 'vendor' | 'tag' | 'price'
  relation: 'equals' | 'not_equals' | 'contains' | 'greater_than' | 'less_than'
  value: string
}

export default class Collection extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare handle: string

  @column()
  declare title: string

  @column()
  declare descriptionHtml: string | null

  @column()
  declare kind: CollectionKind

  @column(jsonColumn)
  declare rules: CollectionRule[] | null

  @column()
  declare sortOrder: string

  @column(booleanColumn)
  declare published: boolean

  @column()
  declare seoTitle: string | null

  @column()
  declare seoDescription: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Members of a manual collection, in their position order. */
  @manyToMany(() => Product, {
    pivotTable: 'collection_products',
    pivotColumns: ['position'],
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
    onQuery: (query) => query.orderBy('collection_products.position'),
  })
  declare products: ManyToMany<typeof Product>
}
