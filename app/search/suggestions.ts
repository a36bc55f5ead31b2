import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Variant from '#models/variant'
import ProductImage from '#models/product_image'
import { catalogSearch, highlight, searchTokens, typoPatterns } from '#search/catalog_search'
import { imageSources, priceSummary, type ImageSources, type PriceSummary } from '#queries/storefront_product_query'

/** Products listed under the header's search box. */
export const SUGGESTION_COUNT = 6

export interface Suggestion {
  handle: string
  /** the title, escaped, with the searched words marked */
  titleHtml: string
  price: PriceSummary | null
  /** the first picture that can be shown, as a thumbnail */
  image: ImageSources | null
}

/**
 * Instant suggestions for what the shopper has typed so far: titles, prices
 * and a thumbnail of a few active products, and nothing else (no count, no
 * facets, no stock), so a pause in typing costs three small queries. Titles
 * are matched through a title index (see the engines' `titles()`); when no
 * title contains every word, titles close to the words stand in (through the
 * title index on PostgreSQL) and `fuzzy` says so. Null for a term without any word.
 */
export async function suggestProducts(term: string): Promise<{ fuzzy: boolean; items: Suggestion[] } | null> {
  const tokens = searchTokens(term)
  if (!tokens.length) return null
  let fuzzy = false
  let rows = await topMatches(catalogSearch.titles(tokens))
  if (!rows.length && typoPatterns(tokens).close.length) {
    fuzzy = true
    rows = await topMatches(catalogSearch.similarTitles(tokens))
  }
  if (!rows.length) return { fuzzy, items: [] }

  const ids = rows.map((row) => row.id)
  const [variants, images] = await Promise.all([
    Variant.query().whereIn('product_id', ids).select('id', 'product_id', 'price', 'compare_at_price', 'currency'),
    ProductImage.query()
      .whereIn('product_id', ids)
      .where('status', 'ready')
      .whereNotNull('storage_key')
      .orderBy('position')
      .orderBy('id'),
  ])
  return {
    fuzzy,
    items: rows.map((row) => {
      const image = images.find((candidate) => candidate.productId === row.id)
      return {
        handle: row.handle,
        titleHtml: highlight(row.title, tokens),
        price: priceSummary(variants.filter((variant) => variant.productId === row.id)),
        image: image ? imageSources(image) : null,
      }
    }),
  }
}

/**
 * The best few matches' id, handle and title (the engines' `titles()` and
 * `similarTitles()` match active products only). The matches are ranked
 * and cut to the few first, then joined to their products: a common word
 * matches thousands of titles, and only the shown ones need a row. Settings
 * the match needs run first, in one transaction with it.
 */
async function topMatches(match: { sql: string; bindings: Array<string | number>; settings?: string[] }) {
  if (match.settings?.length) {
    const settings = match.settings
    return db.transaction(async (trx) => {
      for (const statement of settings) await trx.rawQuery(statement)
      return topMatchesOn(trx, match)
    })
  }
  return topMatchesOn(db.connection(), match)
}

async function topMatchesOn(client: QueryClientContract, match: { sql: string; bindings: Array<string | number> }) {
  const result = await client.rawQuery(
    `select products.id, products.handle, products.title
      from (select product_id, rank from (${match.sql}) as matched order by rank desc, product_id desc limit ?) as search
      join products on products.id = search.product_id
      order by search.rank desc, products.id desc`,
    [...match.bindings, SUGGESTION_COUNT]
  )
  // PostgreSQL answers a result object, SQLite the rows themselves
  const rows: Array<{ id: number | string; handle: string; title: string }> = result.rows ?? result
  return rows.map((row) => ({ ...row, id: Number(row.id) }))
}
