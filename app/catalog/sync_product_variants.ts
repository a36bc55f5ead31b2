import { plural } from '#services/plural'
import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Variant from '#models/variant'
import ProductOption from '#models/product_option'
import ProductOptionValue from '#models/product_option_value'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { CatalogInputError } from '#exceptions/catalog_errors'
import { storeCurrency } from '#services/money'
import { MAX_VARIANTS, type CreateProductInput, type ProductVariantInput } from '#validators/product'
import {
  combinations,
  optionKey,
  parseOptions,
  toMajor,
  toMinor,
  variantTitle,
  type OptionTuple,
} from '#catalog/variant_matrix'

type Input = Pick<CreateProductInput, 'options' | 'variants' | 'confirmRemoval'>

interface PlannedVariant {
  combo: OptionTuple
  existing?: Variant
  /** the editor row for this combination, with its index in the form */
  row?: ProductVariantInput & { index: number }
  /** values copied into a brand-new combination */
  template?: Partial<ProductVariantInput>
}

/**
 * Step shared by create and update: makes the product's options and
 * variants match the submitted options. Every combination of option values
 * gets a variant; an existing variant is kept when its option values still
 * occur (its row in the form updates it); new combinations copy price and
 * shipping fields from the first row. Variants whose combination is gone
 * are deleted only with `confirmRemoval`. Clashing SKUs raise
 * CatalogInputError before anything is written.
 */
export async function syncProductVariants(
  productId: number | null,
  input: Input,
  actor: string,
  trx: TransactionClientContract
) {
  const options = parseOptions(input.options)
  const combos = combinations(options)
  if (combos.length > MAX_VARIANTS) {
    throw new CatalogInputError({ options: `These options make ${combos.length} variants; the limit is ${MAX_VARIANTS}.` })
  }

  const existing = productId ? await Variant.query({ client: trx }).where('product_id', productId).orderBy('position') : []
  const plan = planVariants(combos, existing, input.variants ?? [])
  const removed = existing.filter((variant) => !plan.some((entry) => entry.existing?.id === variant.id))
  if (removed.length && !input.confirmRemoval) {
    const titles = removed.map((variant) => variant.title).join(', ')
    throw new CatalogInputError({
      confirmRemoval: `${plural(removed.length, 'variant')} no longer match the options (${titles}). Tick "Remove variants that no longer match" to delete them, or restore the option values.`,
    })
  }
  await checkSkus(productId, plan, trx)
  return { plan, options, removed, apply: (id: number) => apply(id, plan, options, removed, actor, trx) }
}

/** Raises inline errors for SKUs used twice in the form or by another product. */
export async function checkSkus(productId: number | null, plan: PlannedVariant[], trx: TransactionClientContract) {
  const errors: Record<string, string> = {}
  const seen = new Map<string, number>()
  for (const entry of plan) {
    const sku = entry.row?.sku
    if (!sku || entry.row === undefined) continue
    const key = sku.toLowerCase()
    if (seen.has(key)) errors[`variants.${entry.row.index}.sku`] = `SKU ${sku} is used by another variant in this form.`
    else seen.set(key, entry.row.index)
  }
  const skus = [...seen.keys()]
  if (skus.length) {
    const taken = trx.from('variants').select('sku', 'product_id').whereIn(trx.raw('lower(sku)') as any, skus)
    if (productId) taken.whereNot('product_id', productId)
    for (const row of await taken) {
      const index = seen.get(String(row.sku).toLowerCase())!
      errors[`variants.${index}.sku`] = `SKU ${row.sku} is already used by another product.`
    }
  }
  if (Object.keys(errors).length) throw new CatalogInputError(errors)
}

function planVariants(combos: OptionTuple[], existing: Variant[], rows: ProductVariantInput[]): PlannedVariant[] {
  const indexed = rows.map((row, index) => ({ ...row, index }))
  const rowsByKey = new Map(indexed.map((row) => [optionKey([row.option1, row.option2, row.option3]), row]))
  const existingByKey = new Map(existing.map((variant) => [optionKey([variant.option1, variant.option2, variant.option3]), variant]))
  const noOptionsBefore = existing.length === 1 && !existing[0].option1
  const template = indexed[0] ? { ...indexed[0], sku: undefined, barcode: undefined, stockOnHand: undefined } : undefined

  return combos.map((combo, position) => {
    const key = optionKey(combo)
    let found = existingByKey.get(key)
    let row = rowsByKey.get(key)
    // Adding options to a product that had none: its default variant becomes the first combination.
    if (!found && position === 0 && noOptionsBefore && combo[0] !== null) {
      found = existing[0]
      row = row ?? rowsByKey.get(optionKey([]))
    }
    return { combo, existing: found, row, template: found || row ? undefined : template ?? fromVariant(existing[0]) }
  })
}

function fromVariant(variant: Variant | undefined): Partial<ProductVariantInput> | undefined {
  if (!variant) return undefined
  return {
    price: toMajorNumber(variant.price, variant.currency),
    compareAtPrice: toMajorNumber(variant.compareAtPrice, variant.currency),
    cost: toMajorNumber(variant.cost, variant.currency),
    weightGrams: variant.weightGrams ?? undefined,
    trackInventory: variant.trackInventory,
  }
}

function toMajorNumber(minor: number | null, currency: string) {
  return minor === null ? undefined : Number(toMajor(minor, currency))
}

async function apply(
  productId: number,
  plan: PlannedVariant[],
  options: ReturnType<typeof parseOptions>,
  removed: Variant[],
  actor: string,
  trx: TransactionClientContract
) {
  // Options are plain labels (variants store the values), so rewriting them is safe.
  await trx.from('product_options').where('product_id', productId).delete()
  for (const [index, option] of options.entries()) {
    const created = await ProductOption.create({ productId, name: option.name, position: index + 1 }, { client: trx })
    await ProductOptionValue.createMany(
      option.values.map((value, position) => ({ optionId: created.id, value, position: position + 1 })),
      { client: trx }
    )
  }

  for (const variant of removed) await variant.useTransaction(trx).delete()

  const inventory = await app.container.make(InventoryPort)
  const saved: Variant[] = []
  for (const [index, entry] of plan.entries()) {
    const variant = entry.existing ?? new Variant()
    variant.useTransaction(trx)
    const source: Partial<ProductVariantInput> = entry.row ?? entry.template ?? {}
    const currency = variant.currency ?? storeCurrency
    const isNew = !entry.existing
    variant.merge({
      productId,
      title: variantTitle(entry.combo),
      option1: entry.combo[0],
      option2: entry.combo[1],
      option3: entry.combo[2],
      position: index + 1,
      currency,
    })
    if (entry.row || isNew) {
      variant.merge({
        sku: source.sku ?? null,
        price: toMinor(source.price, currency) ?? (isNew ? 0 : variant.price),
        compareAtPrice: toMinor(source.compareAtPrice, currency) ?? null,
        cost: toMinor(source.cost, currency) ?? null,
        weightGrams: source.weightGrams ?? null,
        barcode: source.barcode ?? null,
        // an unticked checkbox is simply absent from the form
        trackInventory: entry.row ? Boolean(entry.row.trackInventory) : (source.trackInventory ?? true),
      })
    }
    await variant.save()
    saved.push(variant)

    // Stock moves by what the staff member changed (typed 8 where the editor showed 5: +3),
    // so units sold while the editor was open are not silently put back.
    const wanted = entry.row?.stockOnHand
    if (wanted === undefined || !variant.trackInventory) continue
    const delta = wanted - (isNew ? 0 : (entry.row?.stockShown ?? wanted))
    if (delta !== 0) await inventory.adjust({ variantId: variant.id, delta, reason: 'correction', actor }, trx)
  }
  return saved
}
