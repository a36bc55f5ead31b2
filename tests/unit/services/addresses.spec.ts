import { test } from '@japa/runner'
import edge from 'edge.js'
import { addressLines } from '#services/addresses'

/*
 * Addresses in their country's order. The expectations follow each
 * country's postal customs (USPS Publication 28, Royal Mail, Deutsche
 * Post, Japan Post's Latin-script order), written out here by hand.
 */
test.group('Addresses | envelope lines per country', () => {
  test('US: "City, ST ZIP" on one line, then the country by name', ({ assert }) => {
    const lines = addressLines({
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      line1: '1234 SW Main St',
      line2: 'Apt 5',
      city: 'Portland',
      region: 'OR',
      postalCode: '97201',
      countryCode: 'US',
    })
    assert.deepEqual(lines, ['Ada Lovelace', 'Analytical Engines', '1234 SW Main St', 'Apt 5', 'Portland, OR 97201', 'United States'])
  })

  test('US: a state typed out in full is shortened to its code', ({ assert }) => {
    const lines = addressLines({ line1: '1 Main St', city: 'Portland', region: 'Oregon', postalCode: '97201', countryCode: 'US' })
    assert.include(lines, 'Portland, OR 97201')
  })

  test('GB: town and postcode on lines of their own', ({ assert }) => {
    const lines = addressLines({ firstName: 'Ada', lastName: 'Lovelace', line1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', countryCode: 'GB' })
    assert.deepEqual(lines, ['Ada Lovelace', '10 Downing Street', 'London', 'SW1A 2AA', 'United Kingdom'])
  })

  test('DE: postcode before the city, no state', ({ assert }) => {
    const lines = addressLines({
      firstName: 'Max',
      lastName: 'Muster',
      company: 'Muster GmbH',
      line1: 'Unter den Linden 77',
      city: 'Berlin',
      region: 'Berlin',
      postalCode: '10117',
      countryCode: 'DE',
    })
    assert.deepEqual(lines, ['Max Muster', 'Muster GmbH', 'Unter den Linden 77', '10117 Berlin', 'Germany'])
  })

  test('JP (Latin script): ward, prefecture and postcode together, nothing dropped', ({ assert }) => {
    const lines = addressLines({ firstName: 'Taro', lastName: 'Yamada', line1: '1-1 Chiyoda', city: 'Chiyoda-ku', region: 'Tokyo', postalCode: '100-8111', countryCode: 'JP' })
    assert.deepEqual(lines, ['Taro Yamada', '1-1 Chiyoda', 'Chiyoda-ku, Tokyo 100-8111', 'Japan'])
  })

  test('a lower-case or padded code still finds its country; no address gives no lines', ({ assert }) => {
    const lines = addressLines({ line1: ' 5 Rue de Rivoli ', city: 'Paris', postalCode: '75001', countryCode: 'fr' })
    assert.deepEqual(lines, ['5 Rue de Rivoli', '75001 Paris', 'France'], 'no name: no "undefined" line')
    assert.deepEqual(addressLines(null), [])
  })

  test('markup typed into an address stays text, and the component escapes it', async ({ assert }) => {
    const address = {
      firstName: '<script>alert(1)</script>',
      lastName: 'Doe',
      line1: '1 "Main" St & <b>Co</b>',
      city: '<img src=x onerror=alert(2)>',
      region: 'OR',
      postalCode: '97201',
      countryCode: 'US',
      phone: '<i>555</i>',
    }
    assert.equal(addressLines(address)[0], '<script>alert(1)</script> Doe', 'the presenter returns text as typed')

    const html = await edge.render('components/ui/address', { address, phone: true })
    assert.notInclude(html, '<script>')
    assert.notInclude(html, '<img')
    assert.notInclude(html, '<b>')
    assert.notInclude(html, '<i>')
    assert.include(html, '&lt;script&gt;alert(1)&lt;/script&gt; Doe')
    assert.include(html, '&lt;img src=x onerror=alert(2)&gt;, OR 97201')
    assert.include(html, '&lt;i&gt;555&lt;/i&gt;')
    assert.notMatch(html, /@(if|end)/, 'no template tag leaks into the page')
    const shown = html.replace(/<\/?address[^>]*>/g, '').split('<br>').map((line) => line.trim())
    assert.deepEqual(shown, [
      '&lt;script&gt;alert(1)&lt;/script&gt; Doe',
      '1 &quot;Main&quot; St &amp; &lt;b&gt;Co&lt;/b&gt;',
      '&lt;img src=x onerror=alert(2)&gt;, OR 97201',
      'United States',
      '&lt;i&gt;555&lt;/i&gt;',
    ], 'one line each, in order, phone last')
  })
})
