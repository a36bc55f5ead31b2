import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import Discount, { DISCOUNT_KINDS } from '#models/discount'
import SettingsPolicy from '#policies/settings_policy'
import SaveDiscount from '#actions/pricing/save_discount'
import DeleteDiscount from '#actions/pricing/delete_discount'
import { toMajorUnits } from '#pricing/pricing_settings'
import { discountValidator } from '#validators/pricing_settings'
import { formatMoney, formatRate, storeCurrency } from '#services/money'
import { formatStoreDateTime, storeInputValue, storeTimezone } from '#services/store_time'
import { deleteSetting, submitSettingsForm } from '#controllers/admin/pricing_settings_form'

const LIST_PATH = '/admin/discounts'

/** Admin › Discounts: codes with their usage. */
export default class DiscountsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const discounts = await Discount.query().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500)
    return ctx.view.render('pages/admin/discounts/index', { discounts, describe: describeDiscount, validity: describeValidity })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    return renderForm(ctx, null, { kind: 'percentage', currency: storeCurrency, active: '1' }, {})
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with(SettingsPolicy).authorize('manage')
    const discount = await Discount.findOrFail(ctx.params.id)
    return renderForm(ctx, discount, formOf(discount), {})
  }

  async store(ctx: HttpContext) {
    return save(ctx, null)
  }

  async update(ctx: HttpContext) {
    return save(ctx, await Discount.findOrFail(ctx.params.id))
  }

  async destroy(ctx: HttpContext) {
    return deleteSetting(ctx, LIST_PATH, async (actor) => {
      const discount = await (await app.container.make(DeleteDiscount)).handle(Number(ctx.params.id), actor)
      return `Code ${discount.code} deleted.`
    })
  }
}

function save(ctx: HttpContext, discount: Discount | null) {
  return submitSettingsForm(
    ctx,
    discountValidator,
    async (input, actor) => {
      const saved = await (await app.container.make(SaveDiscount)).handle(discount?.id ?? null, input, actor)
      return { notice: `Code ${saved.code} saved.`, redirectTo: LIST_PATH }
    },
    (body, errors) => renderForm(ctx, discount, body, errors)
  )
}

function renderForm(ctx: HttpContext, discount: Discount | null, form: Record<string, any>, errors: Record<string, string>) {
  return ctx.view.render('pages/admin/discounts/form', { discount, form, errors, kinds: DISCOUNT_KINDS, timezone: storeTimezone() })
}

function formOf(discount: Discount) {
  return {
    code: discount.code,
    kind: discount.kind,
    value: discount.kind === 'percentage' ? String(discount.value / 100) : discount.kind === 'fixed_amount' ? toMajorUnits(discount.value, discount.currency) : '',
    currency: discount.currency,
    minimumSubtotal: toMajorUnits(discount.minimumSubtotal, discount.currency),
    startsAt: storeInputValue(discount.startsAt),
    endsAt: storeInputValue(discount.endsAt),
    usageLimit: discount.usageLimit ?? '',
    perCustomerLimit: discount.perCustomerLimit ?? '',
    active: discount.active ? '1' : '',
  }
}

/** "15% off", "$5.00 off", "Free shipping" for the list. */
function describeDiscount(discount: Discount) {
  if (discount.kind === 'percentage') return `${formatRate(discount.value)} off`
  if (discount.kind === 'fixed_amount') return `${formatMoney(discount.value, discount.currency)} off`
  return 'Free shipping'
}

/** When a code works, as a sentence in store time: "From 5 Dec 2026, 09:00 EST, no end date", "Until …", "… to …". */
function describeValidity(discount: Discount) {
  const from = discount.startsAt ? formatStoreDateTime(discount.startsAt) : null
  const until = discount.endsAt ? formatStoreDateTime(discount.endsAt) : null
  if (from && until) return `${from} to ${until}`
  if (from) return `From ${from}, no end date`
  if (until) return `Until ${until}`
  return 'No start or end date'
}
