import type { CatalogSearch } from '#search/catalog_search'
import { titleRank, typoPatterns } from '#search/search_terms'

/**
 * PostgreSQL search: `products.search_vector` (weights title A, vendor/type/tags B,
 * description C; kept by triggers) with prefix terms, so "cott shi" finds
 * "Cotton shirt" as the shopper types. A title containing every word gets a
 * bonus above any ts_rank, so title matches always rank first.
 */
export class PostgresCatalogSearch implements CatalogSearch {
  exact(tokens: string[]) {
    const tsquery = tokens.map((token) => `${token}:*`).join(' & ')
    const inTitle = tokens.map(() => 'title ilike ?').join(' and ')
    return {
      sql: `select id as product_id,
          ts_rank(search_vector, query) + (case when ${inTitle} then 1 else 0 end) as rank
        from products, to_tsquery('english', ?) as query
        where search_vector @@ query`,
      bindings: [...tokens.map((token) => `%${token}%`), tsquery],
    }
  }

  /**
   * Titles of active products close to a word (see typoPatterns), or similar
   * by pg_trgm word similarity; ranked close patterns first, then by
   * similarity. Runs only when nothing matched exactly.
   */
  fuzzy(tokens: string[]) {
    const { close, loose } = typoPatterns(tokens)
    const term = tokens.join(' ')
    const array = (patterns: string[]) => `{${patterns.map((pattern) => `"${pattern}"`).join(',')}}`
    return {
      sql: `select id as product_id,
          (case when lower(replace(title, '-', '')) like any (?::text[]) then 1 else 0 end)
            + word_similarity(?, title) as rank
        from products
        where status = 'active' and (word_similarity(?, title) >= 0.45
          or lower(replace(title, '-', '')) like any (?::text[])
          or lower(replace(title, '-', '')) like any (?::text[]))`,
      bindings: [array(close), term, term, array(close), array(loose)],
    }
  }

  /**
   * Substring matches on the lower-cased title of active products, which the
   * partial pg_trgm index `products_active_title_lower_trgm` answers
   * (words of 3+ letters; shorter ones filter the rows it found).
   */
  titles(tokens: string[]) {
    const rank = titleRank('lower(title)', tokens)
    return {
      sql: `select id as product_id, ${rank.sql} as rank from products
        where status = 'active' and ${tokens.map(() => 'lower(title) like ?').join(' and ')}`,
      bindings: [...rank.bindings, ...tokens.map((token) => `%${token}%`)],
    }
  }

  /**
   * Word similarity through the same partial trigram index (`<%` is what
   * the index answers; `word_similarity() >=` in fuzzy() scans every title).
   * The operator's threshold is a setting: lowered for this transaction to
   * fuzzy()'s 0.45, so "candel" still finds "Candle".
   */
  similarTitles(tokens: string[]) {
    const term = tokens.join(' ')
    return {
      sql: `select id as product_id, word_similarity(?, lower(title)) as rank from products
        where status = 'active' and ? <% lower(title)`,
      bindings: [term, term],
      settings: ['set local pg_trgm.word_similarity_threshold = 0.45'],
    }
  }
}
