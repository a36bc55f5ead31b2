import type { CollectionRule } from '#models/collection'
import type { CollectionRuleField } from '#validators/collection'
import { majorUnitsText, storeCurrency, toMinorUnits } from '#services/money'

/**
 * Translates between the rows of the admin smart-collection editor
 * ("price below 25.00") and the rules stored on `collections.rules`
 * (see CollectionRule; prices in minor units). Keeping the translation in
 * one place means a change of the stored shape touches only this file.
 */
export interface RuleRow {
  field: CollectionRuleField | ''
  value: string
}

/** Rows with a field and a value, as stored rules; a price that is not a number is reported. */
export function rulesFromRows(rows: Array<{ field?: CollectionRuleField; value?: string }>, currency = storeCurrency) {
  const rules: CollectionRule[] = []
  const errors: Record<string, string> = {}
  rows.forEach((row, index) => {
    if (!row.field) return
    const value = (row.value ?? '').trim()
    if (!value) {
      errors[`rules.${index}.value`] = 'Enter a value for this condition, or clear its field.'
      return
    }
    if (row.field === 'price_below' || row.field === 'price_above') {
      const major = Number(value)
      if (!Number.isFinite(major) || major < 0) {
        errors[`rules.${index}.value`] = 'Enter a price such as 25 or 19.99.'
        return
      }
      const minor = toMinorUnits(major, currency)
      rules.push({ field: 'price', relation: row.field === 'price_below' ? 'less_than' : 'greater_than', value: String(minor) })
    } else {
      rules.push({ field: row.field === 'type' ? 'product_type' : row.field, relation: 'equals', value })
    }
  })
  return { rules, errors }
}

/** Stored rules as editor rows; rules the editor cannot show are left out (and kept only if not re-saved). */
export function rowsFromRules(rules: CollectionRule[] | null, currency = storeCurrency): RuleRow[] {
  const rows: RuleRow[] = []
  for (const rule of rules ?? []) {
    if (rule.field === 'price' && (rule.relation === 'less_than' || rule.relation === 'greater_than')) {
      const major = majorUnitsText(Number(rule.value), currency)
      rows.push({ field: rule.relation === 'less_than' ? 'price_below' : 'price_above', value: major })
    } else if (rule.relation === 'equals' && ['tag', 'vendor', 'product_type'].includes(rule.field)) {
      rows.push({ field: rule.field === 'product_type' ? 'type' : (rule.field as 'tag' | 'vendor'), value: rule.value })
    }
  }
  return rows
}
