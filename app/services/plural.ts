/**
 * Counts in words: "1 order", "3 orders", "1 staff member", "2 image
 * fetches", never "order(s)". Which form a number takes comes from
 * Intl.PluralRules (English today; other languages have more than two
 * forms, which a `PluralForms` map can name). Templates call it as the
 * Edge global `plural`.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { one: string; other: string }

const LOCALE = 'en-US'
const rules = new Intl.PluralRules(LOCALE)
const numbers = new Intl.NumberFormat(LOCALE)

/** Nouns whose plural is not the noun plus "s". */
const IRREGULAR: Record<string, string> = {
  person: 'people',
  child: 'children',
}

/** The English plural of a noun (its last word): an irregular form, "-ies", "-es", or "-s". */
function englishPlural(noun: string): string {
  const last = noun.split(' ').pop()!
  if (IRREGULAR[last]) return noun.slice(0, -last.length) + IRREGULAR[last]
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`
  return `${noun}s`
}

function formsOf(noun: string | PluralForms): PluralForms {
  return typeof noun === 'string' ? { one: noun, other: englishPlural(noun) } : noun
}

/** The noun in the form the count takes, without the count: pluralWord(2, 'order') is "orders". */
export function pluralWord(count: number, noun: string | PluralForms): string {
  const forms = formsOf(noun)
  return forms[rules.select(Number(count))] ?? forms.other
}

/** The count and its noun: plural(1, 'order') is "1 order", plural(1200, 'unit') is "1,200 units". */
export function plural(count: number, noun: string | PluralForms): string {
  return `${numbers.format(Number(count))} ${pluralWord(count, noun)}`
}
