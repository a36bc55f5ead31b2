import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import Address from '#models/address'
import { cli, tempFile } from '#tests/cli/helpers'

const SHOPIFY_HEADER =
  'First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,' +
  'Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,' +
  'Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags'

function unique(tag: string) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1000)}`
}

async function customerWithAddresses(email: string) {
  return Customer.query().where('email', email).preload('addresses', (query) => query.orderBy('id')).firstOrFail()
}

test.group('CLI | import customers', () => {
  test("Shopify's customer export: lower-cased emails, no passwords, the default address, and a second run changes nothing", async ({ assert }) => {
    const tag = unique('ic')
    const file = tempFile(
      `${tag}.csv`,
      [
        SHOPIFY_HEADER,
        `Ada,Lovelace,Ada.${tag}@Example.com,yes,Engines Ltd,12 Analytical Row,Flat 2,London,ENG,gb,N1 9GU,+44 20 7946 0000,+44 7700 900000,no,120.00,3,,no,"vip, newsletter"`,
        `Grace,Hopper,grace.${tag}@example.com,no,,,,,,,,,,no,0.00,0,,no,`,
      ].join('\n')
    )

    const first = await cli('import', 'customers', file, '--json')
    assert.equal(first.code, 0, first.stderr)
    assert.deepInclude(first.json(), { rows: 2, created: 2, updated: 0, unchanged: 0, errorCount: 0 })

    const ada = await customerWithAddresses(`ada.${tag}@example.com`)
    assert.deepInclude(ada.serialize(), { firstName: 'Ada', lastName: 'Lovelace', phone: '+44 7700 900000', acceptsMarketing: true })
    assert.isNull(ada.password, 'imported customers get no password')
    assert.lengthOf(ada.addresses, 1)
    assert.deepInclude(ada.addresses[0].serialize(), {
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Engines Ltd',
      line1: '12 Analytical Row',
      line2: 'Flat 2',
      city: 'London',
      region: 'ENG',
      postalCode: 'N1 9GU',
      countryCode: 'GB',
      phone: '+44 20 7946 0000',
      isDefaultShipping: true,
      isDefaultBilling: true,
    })
    const grace = await customerWithAddresses(`grace.${tag}@example.com`)
    assert.isFalse(grace.acceptsMarketing)
    assert.lengthOf(grace.addresses, 0, 'blank address columns add no address')

    const again = await cli('import', 'customers', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 2, errorCount: 0 })
    assert.equal((await customerWithAddresses(`ada.${tag}@example.com`)).updatedAt.toMillis(), ada.updatedAt.toMillis())
  })

  test('the generic file updates known customers: only its columns, never the password; its address replaces the default one', async ({ assert }) => {
    const tag = unique('ig')
    const email = `sam.${tag}@example.com`
    const known = await Customer.create({ email, firstName: 'Sam', lastName: 'Old', phone: '555-1', password: 'a secret password 1', acceptsMarketing: false })
    const passwordHash = known.password
    const current = await Address.create({
      customerId: known.id, line1: '1 Old Road', city: 'Oldtown', countryCode: 'US', isDefaultShipping: true, isDefaultBilling: false,
    })
    const billing = await Address.create({
      customerId: known.id, line1: '2 Bill Lane', city: 'Oldtown', countryCode: 'US', isDefaultShipping: false, isDefaultBilling: true,
    })
    const file = tempFile(
      `${tag}.csv`,
      `email,last_name,accepts_marketing,address1,city,province_code,country_code,zip\n${email.toUpperCase()},New,TRUE,9 New Street,Newville,CA,us,90210\n`
    )

    const result = await cli('import', 'customers', file, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 0, updated: 1 })
    const sam = await customerWithAddresses(email)
    assert.deepInclude(sam.serialize(), { firstName: 'Sam', lastName: 'New', phone: '555-1', acceptsMarketing: true })
    assert.equal(sam.password, passwordHash)
    assert.lengthOf(sam.addresses, 2)
    assert.deepInclude(sam.addresses[0].serialize(), {
      id: current.id, line1: '9 New Street', city: 'Newville', region: 'CA', countryCode: 'US', postalCode: '90210', lastName: 'New',
      isDefaultShipping: true, isDefaultBilling: true,
    })
    assert.deepInclude(sam.addresses[1].serialize(), { id: billing.id, line1: '2 Bill Lane', isDefaultShipping: false, isDefaultBilling: false })

    assert.deepInclude((await cli('import', 'customers', file, '--json')).json(), { updated: 0, unchanged: 1 })
  })

  test('bad rows are reported with their lines; erased customers are skipped; a dry run writes nothing', async ({ assert }) => {
    const tag = unique('ie')
    const erased = await Customer.create({ email: `gone.${tag}@example.com`, anonymizedAt: DateTime.now() })
    const file = tempFile(
      `${tag}.csv`,
      [
        'email,first_name,accepts_marketing,address1,city,country_code',
        `ok.${tag}@example.com,Ok,yes,,,`,
        'not-an-email,Bad,,,,',
        `half.${tag}@example.com,Half,,1 Street,,US`,
        `country.${tag}@example.com,Country,,1 Street,Town,USA`,
        `bool.${tag}@example.com,Bool,maybe,,,`,
        `${erased.email},Back,,,,`,
      ].join('\n')
    )
    const report = tempFile(`${tag}-report.csv`)

    const dry = await cli('import', 'customers', file, '--dry-run', '--json')
    assert.equal(dry.code, 1)
    assert.deepInclude(dry.json(), { dryRun: true, created: 1, errorCount: 4, skipped: 1 })
    assert.isNull(await Customer.findBy('email', `ok.${tag}@example.com`))

    const result = await cli('import', 'customers', file, '--report', report, '--json')
    assert.equal(result.code, 1)
    const { errors } = result.json()
    assert.deepEqual(errors.map((error: { line: number }) => error.line), [3, 4, 5, 6])
    assert.match(errors[0].message, /email field must be a valid email/)
    assert.match(errors[1].message, /An address needs address1, city and country_code/)
    assert.match(errors[2].message, /country_code field format is invalid/)
    assert.match(errors[3].message, /accepts_marketing field must be yes or no/)
    assert.isNotNull(await Customer.findBy('email', `ok.${tag}@example.com`))
    assert.isNull(await Customer.findBy('email', `half.${tag}@example.com`))
    assert.isNull((await Customer.findOrFail(erased.id)).firstName, 'an erased customer is not brought back')

    const lines = readFileSync(report, 'utf8').trim().split('\n')
    assert.equal(lines[0], 'line,email,kind,message')
    assert.include(lines, `7,${erased.email},skipped,This customer was erased on request; not imported again`)
    assert.match((await cli('import', 'customers', file)).stdout, /line 3 \(not-an-email\)/)
  })

  test('two rows of one email in a file: the later one wins, one default address', async ({ assert }) => {
    const tag = unique('id')
    const known = await Customer.create({ email: `known.${tag}@example.com`, firstName: 'Kim' })
    const file = tempFile(
      `${tag}.csv`,
      [
        'email,first_name,address1,city,country_code',
        `new.${tag}@example.com,First,1 A St,Avon,GB`,
        `new.${tag}@example.com,Second,2 B St,Bath,GB`,
        `${known.email},Kim,3 C St,Cork,IE`,
        `${known.email},Kim,4 D St,Derry,IE`,
      ].join('\n')
    )
    const result = await cli('import', 'customers', file, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 1, updated: 2 })
    const fresh = await customerWithAddresses(`new.${tag}@example.com`)
    assert.equal(fresh.firstName, 'Second')
    assert.deepEqual(fresh.addresses.map((address) => [address.line1, address.isDefaultShipping]), [['2 B St', true]])
    const updated = await customerWithAddresses(known.email)
    assert.deepEqual(updated.addresses.map((address) => [address.line1, address.isDefaultBilling]), [['4 D St', true]])
  })

  test('a file without an email column is bad usage (exit 2)', async ({ assert }) => {
    const result = await cli('import', 'customers', tempFile('no-email.csv', 'name,phone\nx,1\n'))
    assert.equal(result.code, 2)
    assert.match(result.stderr, /needs an Email column/)
    assert.equal((await cli('import', 'customers', '/nonexistent/customers.csv')).code, 2)
  })
})
