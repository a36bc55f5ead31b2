import type { CatalogSearch } from '#search/catalog_search'
import { titleRank, typoPatterns } from '#search/search_terms'

/**
 * SQLite search: the `product_search` FTS5 table (trigram tokenizer, kept by
 * triggers). Trigrams match any substring of 3+ characters; shorter words are
 * matched with LIKE on the same row. bm25 weighs title 10, meta 3,
 * description 1, and a title containing every word gets a fixed bonus.
 */
export class SqliteCatalogSearch implements CatalogSearch {
  exact(tokens: string[]) {
    const long = tokens.filter((token) => token.length >= 3)
    const short = tokens.filter((token) => token.length < 3)
    const where: string[] = []
    const bindings: Array<string | number> = tokens.map((token) => `%${token}%`)
    if (long.length) {
      where.push('product_search match ?')
      bindings.push(long.map((token) => `"${token}"`).join(' '))
    }
    for (const token of short) {
      where.push('(title like ? or meta like ?)')
      bindings.push(`%${token}%`, `%${token}%`)
    }
    const inTitle = tokens.map(() => 'title like ?').join(' and ')
    const score = long.length ? '-bm25(product_search, 10.0, 3.0, 1.0)' : '0'
    return {
      sql: `select rowid as product_id, ${score} + (case when ${inTitle} then 1000 else 0 end) as rank
        from product_search where ${where.join(' and ')}`,
      bindings,
    }
  }

  /** Titles of active products close to a word (see typoPatterns), the closest first. */
  fuzzy(tokens: string[]) {
    const { close, loose } = typoPatterns(tokens)
    const anyOf = (patterns: string[]) =>
      patterns.length ? patterns.map(() => "lower(replace(title, '-', '')) like ?").join(' or ') : '1 = 0'
    return {
      sql: `select id as product_id, case when ${anyOf(close)} then 1 else 0 end as rank from products
        where status = 'active' and (${anyOf(close)} or ${anyOf(loose)})`,
      bindings: [...close, ...close, ...loose],
    }
  }

  /**
   * The FTS5 trigram index restricted to the title column (words of 3+
   * letters); shorter words filter with LIKE (case-insensitive for ASCII).
   */
  titles(tokens: string[]) {
    const long = tokens.filter((token) => token.length >= 3)
    const short = tokens.filter((token) => token.length < 3)
    const rank = titleRank('lower(product_search.title)', tokens)
    const where = ["products.status = 'active'"]
    const bindings: Array<string | number> = [...rank.bindings]
    if (long.length) {
      where.push('product_search match ?')
      bindings.push(`title : (${long.map((token) => `"${token}"`).join(' AND ')})`)
    }
    for (const token of short) {
      where.push('product_search.title like ?')
      bindings.push(`%${token}%`)
    }
    return {
      sql: `select product_search.rowid as product_id, ${rank.sql} as rank
        from product_search join products on products.id = product_search.rowid
        where ${where.join(' and ')}`,
      bindings,
    }
  }

  /** The typo patterns of fuzzy(): SQLite scans the titles, which is quick at a store's size. */
  similarTitles(tokens: string[]) {
    return this.fuzzy(tokens)
  }
}
