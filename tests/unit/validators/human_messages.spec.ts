import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import { errors as vineErrors, VineValidator } from '@vinejs/vine'

/**
 * Validators whose fields are named by the operator's own words (CLI options,
 * file columns, plugin settings, machine query strings): their messages may
 * quote the key (`“on_hand”`), because that is what the operator typed. They
 * are still held to the store's phrasing, never Vine's defaults.
 */
const KEYED_BY_OPERATOR = new Set([
  'customer_import.customerRowValidator',
  'inventory_import.inventoryRowValidator',
  'export_options.exportOptionsValidator',
  'staff_owner.staffOwnerValidator',
  'staff_owner.staffUserValidator',
  'staff_owner.staffPasswordValidator',
  'live_updates.liveStreamValidator',
  'live_updates.liveSubscriptionValidator',
  'analytics/settings.analyticsSettingsValidator',
  'inventory/settings.inventorySettingsValidator',
  'notifications/settings.notificationsSettingsValidator',
  'payments/settings.paymentsSettingsValidator',
])

/** Vine's own phrasing, a placeholder left unfilled, or a value printed raw. */
const DEVELOPER_WORDS = /field must|must be defined|field format|the selected|\{\{|\bundefined\b|\bnull\b|\[object/i
const SNAKE_KEY = /\b[a-z0-9]+_[a-z0-9_]+\b/i
const CAMEL_KEY = /\b[a-z]+[A-Z][A-Za-z]*\b/
const QUOTED_KEY = /“[^”]*”/

type Node = { type: string; subtype?: string; properties?: Node[]; each?: Node; fieldName: string }

/** Values that break a single field of every kind: missing, blank, huge, wrong type, out of range. */
const BAD_SCALARS: unknown[] = [
  undefined,
  null,
  '',
  '   ',
  'x'.repeat(100_001),
  'Bad <value> ✗ %',
  '-5',
  '0',
  '1.555',
  '99999999999',
  'maybe',
  {},
  ['a'],
]

/** Invalid values for a schema node; an object or a list is made invalid one field at a time. */
function badValues(node: Node): unknown[] {
  if (node.type === 'object') {
    const values: unknown[] = ['not an object']
    for (const property of node.properties ?? []) {
      for (const value of badValues(property)) values.push({ [property.fieldName]: value })
    }
    return values
  }
  if (node.type === 'array') {
    const each = badValues(node.each!)
    return ['not a list', [], Array.from({ length: 6000 }, () => 1), ...each.map((value) => [value])]
  }
  return BAD_SCALARS
}

/** Every exported validator of app/validators and the plugins' validators, by "file.export". */
async function allValidators() {
  const found: Array<{ name: string; validator: VineValidator<any, any> }> = []
  const folders = [app.makePath('app/validators')]
  for (const plugin of await readdir(app.makePath('plugins'))) folders.push(app.makePath('plugins', plugin, 'validators'))
  for (const folder of folders) {
    const files = await readdir(folder).catch(() => [] as string[])
    for (const file of files.filter((name) => name.endsWith('.ts'))) {
      const module = await import(pathToFileURL(`${folder}/${file}`).href)
      const prefix = folder.includes('/plugins/') ? `${folder.split('/plugins/')[1].split('/')[0]}/` : ''
      for (const [exported, value] of Object.entries(module)) {
        if (value instanceof VineValidator) found.push({ name: `${prefix}${file.replace(/\.ts$/, '')}.${exported}`, validator: value })
      }
    }
  }
  return found
}

async function messagesFor(validator: VineValidator<any, any>) {
  const root = (validator.toJSON().schema as { schema: Node }).schema
  const messages = new Set<string>()
  const payloads = [{}, ...badValues(root).filter((value) => typeof value === 'object')]
  for (const payload of payloads) {
    try {
      await validator.validate(payload)
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      for (const message of error.messages as Array<{ message: string }>) messages.add(message.message)
    }
  }
  return [...messages]
}

test.group('Validation messages | every field speaks to a person', () => {
  test('no message of any form names a raw key, a rule or Vine’s default wording', async ({ assert }) => {
    const validators = await allValidators()
    assert.isAbove(validators.length, 60, 'the walk finds the validators')
    const problems: string[] = []
    let checked = 0
    for (const { name, validator } of validators) {
      const messages = await messagesFor(validator)
      checked += messages.length
      for (const message of messages) {
        if (DEVELOPER_WORDS.test(message)) problems.push(`${name}: ${message}`)
        if (KEYED_BY_OPERATOR.has(name)) continue
        if (SNAKE_KEY.test(message) || CAMEL_KEY.test(message) || QUOTED_KEY.test(message)) problems.push(`${name}: ${message}`)
      }
    }
    assert.isAbove(checked, 500, 'the bad payloads reach many rules')
    assert.deepEqual(problems, [])
  })

  test('checkout, sign-up and the product editor say what to do, naming the field as the form does', async ({ assert }) => {
    const { checkoutDetailsValidator } = await import('#validators/checkout')
    const { signUpValidator } = await import('#validators/account')
    const { createProductValidator } = await import('#validators/product')
    const { discountValidator } = await import('#validators/pricing_settings')

    const [checkout] = await checkoutDetailsValidator.tryValidate({ email: 'nope', country_code: 'US', postal_code: '1' })
    const byField = (error: any) => Object.fromEntries(error.messages.map((m: any) => [m.field, m.message]))
    assert.deepInclude(byField(checkout), {
      email: 'Enter an email address like name@example.com',
      first_name: 'Enter your first name',
      line1: 'Enter your street address',
      postal_code: 'Enter a valid postal code for the chosen country',
    })

    const [signUp] = await signUpValidator.tryValidate({ email: 'a@b.co', password: 'short', password_confirmation: 'short' })
    assert.equal(byField(signUp).password, 'Enter at least 12 characters for a password')

    const [product] = await createProductValidator.tryValidate({
      title: ' ',
      status: 'gone',
      variants: [{ price: '-1', compareAtPrice: '1.999', weightGrams: 'heavy' }],
    })
    assert.deepInclude(byField(product), {
      'title': 'Enter a title',
      'status': 'Choose a status',
      'variants.0.price': 'Enter a price of 0 or more',
      'variants.0.compareAtPrice': 'Enter a compare-at price with at most 2 decimal places',
      'variants.0.weightGrams': 'Enter a weight in grams as a number',
    })

    const [discount] = await discountValidator.tryValidate({ code: 'x', kind: 'percentage', currency: 'US', value: '10000001' })
    assert.deepInclude(byField(discount), {
      code: 'Enter at least 2 characters for a code',
      value: 'Enter a value of 10,000,000 or less',
    })
  })

  test('CLI options, file columns and plugin settings are named by the key the operator wrote', async ({ assert }) => {
    const { inventoryRowValidator } = await import('#validators/inventory_import')
    const { paymentsSettingsValidator } = await import('#plugins/payments/validators/settings')
    const { notificationsSettingsValidator } = await import('#plugins/notifications/validators/settings')
    const messages = async (validator: VineValidator<any, any>, data: unknown) =>
      ((await validator.tryValidate(data))[0] as any).messages.map((m: any) => m.message)

    assert.deepEqual(await messages(inventoryRowValidator, { sku: 'A-1', on_hand: '2.5' }), ['Enter “on_hand” as a whole number'])
    assert.include(await messages(paymentsSettingsValidator, { driver: 'stripe', stripe: { secretKey: 'nope', publishableKey: 'pk_x', webhookSecret: 'whsec_x' } }), 'Check “stripe.secretKey”: some characters are not allowed there')
    assert.include(
      await messages(notificationsSettingsValidator, { from: 'Shop <shop@example.test>', staffAlertsTo: ['a@example.test', 'not mail'] }),
      'Enter “staffAlertsTo.1” like name@example.com'
    )
  })

  test('every validator is compiled with the store’s messages: nothing imports VineJS’s own vine but #validators/vine', async ({ assert }) => {
    const offenders: string[] = []
    for (const folder of ['app', 'plugins', 'commands', 'start']) {
      const files = (await readdir(app.makePath(folder), { recursive: true })).filter((file) => file.endsWith('.ts'))
      for (const file of files) {
        const path = `${folder}/${file}`
        if (path === 'app/validators/vine.ts') continue
        if (/import\s+vine\b[^;]*from\s+'@vinejs\/vine'/.test(await readFile(app.makePath(path), 'utf8'))) offenders.push(path)
      }
    }
    assert.deepEqual(offenders, [])
  })
})
