/** Lower-cased words of a search term (letters and digits only), at most 8. */
export function searchTokens(term: string): string[] {
  const words = term.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  return [...new Set(words)].slice(0, 8)
}

/** Every string one edit away from `word`: a letter removed, replaced (`_`), added (`_`), or two neighbours swapped. */
function oneEdit(word: string): string[] {
  const variants: string[] = []
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) {
      variants.push(word.slice(0, i) + word.slice(i + 1))
      variants.push(word.slice(0, i) + '_' + word.slice(i + 1))
    }
    variants.push(word.slice(0, i) + '_' + word.slice(i))
    if (i < word.length - 1) variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))
  }
  return variants
}

/**
 * LIKE patterns for titles close to the searched words, compared with the
 * title lower-cased and without hyphens. `close`: within one edit of a word of
 * 4+ letters ("candel" finds "Candle", "tshrit" finds "T-shirt"). `loose`: one
 * edit after dropping a stray first or last letter of a word of 6+ letters
 * ("tshrit" finds "Shirt"); they rank after close ones. Words are letters and
 * digits only, so they never carry LIKE wildcards of their own.
 */
export function typoPatterns(tokens: string[]): { close: string[]; loose: string[] } {
  const words = tokens.filter((token) => token.length >= 4).slice(0, 3)
  const close = new Set(words.flatMap(oneEdit))
  const loose = new Set(
    words
      .filter((word) => word.length >= 6)
      .flatMap((word) => [...oneEdit(word.slice(1)), ...oneEdit(word.slice(0, -1))])
      .filter((pattern) => !close.has(pattern) && pattern.replaceAll('_', '').length >= 4)
  )
  const like = (patterns: Set<string>) => [...patterns].map((pattern) => `%${pattern}%`)
  return { close: like(close), loose: like(loose) }
}

/**
 * Rank terms shared by both engines' `titles()`: the title starts with the
 * first word (2), each word that starts a word of the title (1), shorter
 * titles first among equals. `title` is the lower-cased title's SQL.
 */
export function titleRank(title: string, tokens: string[]) {
  return {
    sql: `(case when ${title} like ? then 2 else 0 end)
      ${tokens.map(() => `+ (case when ' ' || ${title} like ? then 1 else 0 end)`).join(' ')}
      - length(${title}) / 1000.0`,
    bindings: [`${tokens[0]}%`, ...tokens.map((token) => `% ${token}%`)],
  }
}
