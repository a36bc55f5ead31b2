import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import { PostgresCatalogSearch } from '#search/postgres_catalog_search'
import { SqliteCatalogSearch } from '#search/sqlite_catalog_search'
import { searchTokens, typoPatterns } from '#search/search_terms'

export { searchTokens, typoPatterns }

/**
 * A derived table `(product_id, rank)` of products matching a search, higher
 * rank first, for the catalog query to join (`join (<sql>) as search ...`).
 */
export interface SearchMatch {
  sql: string
  bindings: Array<string | number>
  /** the words searched for, to highlight in results */
  tokens: string[]
  /** true when nothing matched exactly and these are typo-tolerant matches */
  fuzzy: boolean
}

/** One search engine per database dialect, same contract. */
export interface CatalogSearch {
  /** Exact (prefix/substring) matches: full-text on PostgreSQL, FTS5 trigram on SQLite. */
  exact(tokens: string[]): Omit<SearchMatch, 'tokens' | 'fuzzy'>
  /** Typo-tolerant matches on titles, used when nothing matches exactly. */
  fuzzy(tokens: string[]): Omit<SearchMatch, 'tokens' | 'fuzzy'>
  /**
   * Active products whose title contains every word, for instant
   * suggestions: titles only, through a title index, ranked title-starts-with
   * first, then words starting with a searched word, then shorter titles.
   */
  titles(tokens: string[]): Omit<SearchMatch, 'tokens' | 'fuzzy'>
  /**
   * Active products with a title close to the words, for suggestions when no
   * title has them all: through the title index where the engine has one.
   * `settings` are statements to run first, in the same transaction.
   */
  similarTitles(tokens: string[]): Omit<SearchMatch, 'tokens' | 'fuzzy'> & { settings?: string[] }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char])

/**
 * HTML of `text` with each occurrence of a token wrapped in <mark>. Matches
 * are found on the raw text; every piece is escaped before it is wrapped, so
 * a title like `<script>` is shown, never run.
 */
export function highlight(text: string, tokens: string[]): string {
  const lower = text.toLowerCase()
  // A few characters change length when lower-cased; then positions would not line up.
  if (lower.length !== text.length) return escapeHtml(text)
  const ranges: Array<[number, number]> = []
  for (const token of tokens) {
    for (let at = lower.indexOf(token); at !== -1 && token; at = lower.indexOf(token, at + token.length)) {
      ranges.push([at, at + token.length])
    }
  }
  ranges.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const [start, end] of ranges) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  let html = ''
  let cursor = 0
  for (const [start, end] of merged) {
    html += escapeHtml(text.slice(cursor, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>'
    cursor = end
  }
  return html + escapeHtml(text.slice(cursor))
}

export const catalogSearch: CatalogSearch =
  runtime.database === 'pg' ? new PostgresCatalogSearch() : new SqliteCatalogSearch()

/** Matches nothing: a search page before the shopper typed a word. */
export const NO_MATCH: SearchMatch = {
  sql: 'select id as product_id, 0 as rank from products where 1 = 0',
  bindings: [],
  tokens: [],
  fuzzy: false,
}

/**
 * What a search term matches: exact matches when there are any, else the
 * typo-tolerant ones. Null for a term without any word.
 */
export async function matchSearch(term: string): Promise<SearchMatch | null> {
  const tokens = searchTokens(term)
  if (!tokens.length) return null
  const exact = catalogSearch.exact(tokens)
  const found = await db
    .from('products')
    .joinRaw(`join (${exact.sql}) as search on search.product_id = products.id`, exact.bindings)
    .where('products.status', 'active')
    .select('products.id')
    .first()
  if (found || !typoPatterns(tokens).close.length) return { ...exact, tokens, fuzzy: false }
  return { ...catalogSearch.fuzzy(tokens), tokens, fuzzy: true }
}
