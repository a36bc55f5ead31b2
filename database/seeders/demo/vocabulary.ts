import { createRandom, type CatalogWording, type Random } from '#database/seeders/demo/generated_catalog'

/**
 * A made-up vocabulary for the bench catalog: thousands of pronounceable
 * words built from syllables (no copied corpus), ranked, and drawn with a
 * Zipf distribution, so a few words are everywhere and most are rare, as in
 * real shop catalogs. A search for a common word then matches hundreds of
 * products and a rare one a handful, instead of every word matching a
 * fixed share of a 46-word catalog. The same seed gives the same words in
 * the same order: the search bench writes them out for its query script.
 */
const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'cr', 'd', 'dr', 'f', 'fl', 'fr', 'g', 'gl', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'qu', 'r', 's', 'sc', 'sh', 'sk', 'sl', 'sn', 'sp', 'st', 't', 'th', 'tr', 'v', 'w', 'z']
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'io', 'oa', 'oo', 'ou', 'y']
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'rk', 'st', 'ng', 'x', 'ck', 'lt']

/** Zipf exponent: 1 is the classic "the k-th word is 1/k as frequent as the first". */
const ZIPF_EXPONENT = 1

export interface Vocabulary {
  /** every word, lower-case, most frequent first */
  words: string[]
  /** a rank (0 = most frequent) drawn with Zipf weights */
  rank(random: Random): number
  /** a word drawn with Zipf weights */
  word(random: Random): string
}

function syllable(random: Random) {
  return random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS)
}

/** `size` distinct words of 3 to 12 letters, most of two syllables. */
export function createVocabulary(size: number, seed = 7): Vocabulary {
  const random = createRandom(seed)
  const words = new Set<string>()
  while (words.size < size) {
    const roll = random.next()
    const syllables = roll < 0.4 ? 1 : roll < 0.95 ? 2 : 3
    let word = ''
    for (let index = 0; index < syllables; index++) word += syllable(random)
    if (word.length >= 3 && word.length <= 12) words.add(word)
  }
  const list = [...words]
  // cumulative Zipf weights; a draw is a binary search over them
  const cumulative: number[] = []
  let total = 0
  for (let rank = 1; rank <= list.length; rank++) cumulative.push((total += 1 / rank ** ZIPF_EXPONENT))
  const rank = (draw: Random) => {
    const target = draw.next() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle] < target) low = middle + 1
      else high = middle
    }
    return low
  }
  return { words: list, rank, word: (draw) => list[rank(draw)] }
}

export const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** Words in the bench vocabulary (the search bench's queries draw from the same list). */
export const BENCH_VOCABULARY_SIZE = 5000
const VENDOR_SUFFIXES = ['Co', 'Goods', 'Works', 'Supply', 'Studio', 'Trading', '& Sons', 'Makers']

/** The bench catalog's 400 vendor names, most frequent first (the search bench filters on them). */
export function benchVendors(vocabulary: Vocabulary) {
  const random = createRandom(11)
  return Array.from(
    { length: 400 },
    (_, index) => `${capitalize(vocabulary.words[(index * 7) % vocabulary.words.length])} ${random.pick(VENDOR_SUFFIXES)}`
  )
}

/**
 * The bench catalog's wording: titles of two or three vocabulary words and
 * the kind's noun ("Brastel Moonik Mug"), descriptions of 12 to 40 words,
 * 400 vendors and one to four tags, all drawn with Zipf weights.
 */
export function benchWording(vocabulary: Vocabulary): CatalogWording {
  const vendors = benchVendors(vocabulary)
  const words = (draw: Random, count: number) => Array.from({ length: count }, () => vocabulary.word(draw))
  return {
    title: (draw, _kind, noun) => [...words(draw, draw.int(2, 3)).map(capitalize), noun].join(' '),
    descriptionHtml: (draw, title) => {
      const body = words(draw, draw.int(12, 40)).join(' ')
      return `<p>${title}: ${body}.</p>`
    },
    // vendors by Zipf rank too: a few big brands, a long tail of small ones
    vendor: (draw) => vendors[vocabulary.rank(draw) % vendors.length],
    tags: (draw, kind) => [...new Set([draw.pick(kind.tags), ...words(draw, draw.int(0, 3))])],
  }
}
