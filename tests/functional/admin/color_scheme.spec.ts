import { test } from '@japa/runner'
import { staffPerRole } from '#tests/helpers/staff_session'

/*
| The admin's colour scheme: the device's by default; a staff member's
| choice (light or dark) is kept in a cookie and rendered by the server, so
| the page never flashes the other scheme.
*/

const staffAs = staffPerRole()

/** The media the dark stylesheet is linked with on a page. */
function darkMedia(html: string) {
  return /<link rel="stylesheet" href="[^"]*\/css\/dark\.[0-9a-f]{10}\.css" media="([^"]*)">/.exec(html)?.[1]
}

test.group('Admin | colour scheme', () => {
  test('follows the device until staff choose dark, then light, then the device again', async ({ assert }) => {
    const { agent } = await staffAs('support')
    const first = (await agent.get('/admin')).text
    assert.equal(darkMedia(first), '(prefers-color-scheme: dark)')
    assert.match(first, /<html lang="en"\s*>/)
    assert.include(first, '<input type="hidden" name="scheme" value="dark">')

    const dark = await agent.submit('/admin', '/admin/color-scheme', { scheme: 'dark' })
    assert.equal(dark.status, 303)
    const darkPage = (await agent.get('/admin')).text
    assert.equal(darkMedia(darkPage), 'all')
    assert.include(darkPage, '<html lang="en" data-scheme="dark">')
    assert.include(darkPage, 'Light mode')

    await agent.submit('/admin', '/admin/color-scheme', { scheme: 'light' })
    const lightPage = (await agent.get('/admin/styleguide')).text
    assert.equal(darkMedia(lightPage), 'not all')
    assert.include(lightPage, 'data-scheme="light"')

    await agent.submit('/admin', '/admin/color-scheme', { scheme: 'system' })
    assert.equal(darkMedia((await agent.get('/admin')).text), '(prefers-color-scheme: dark)')
  })

  test('an unknown scheme changes nothing; the storefront always follows the device', async ({ assert }) => {
    const { agent } = await staffAs('analyst')
    const refused = await agent.submit('/admin', '/admin/color-scheme', { scheme: 'purple' })
    assert.equal(refused.status, 302)
    assert.equal(darkMedia((await agent.get('/admin')).text), '(prefers-color-scheme: dark)')

    await agent.submit('/admin', '/admin/color-scheme', { scheme: 'dark' })
    // the storefront inlines its sheets: the dark one inside the device's media query
    const store = (await agent.get('/')).text
    assert.include(store, '@media (prefers-color-scheme: dark){:root{color-scheme:dark', 'the choice is the back-office’s only')
    assert.isUndefined(darkMedia(store))
  })
})
