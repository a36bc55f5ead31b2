import { test } from '@japa/runner'
import { staffPerRole } from '#tests/helpers/staff_session'

/*
| What a merchant reviewing the back-office asked for: list filters that fold
| away on a phone and say what is applied, developer pages out of the
| merchant's way, words instead of stored values and ISO dates.
*/

const staffAs = staffPerRole()

/** The filter disclosure's opening tag and its summary, from a list page. */
function filterDisclosure(html: string) {
  const match = html.match(/<details class="filters__more"([^>]*)>\s*<summary>([\s\S]*?)<\/summary>/)
  if (!match) throw new Error('no filter disclosure on the page')
  return { open: /\bopen\b/.test(match[1]), summary: match[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() }
}

test.group('Admin | merchant review: list filters fold away', () => {
  test('the orders list keeps search and sort in view and folds the other filters, closed while none applies', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/orders')
    assert.equal(page.status, 200)
    const bar = page.text.slice(page.text.indexOf('class="filters__bar"'), page.text.indexOf('class="filters__more"'))
    assert.include(bar, 'id="orders-q"')
    assert.include(bar, 'id="orders-sort"')
    assert.notInclude(bar, 'id="orders-status"')
    assert.deepEqual(filterDisclosure(page.text), { open: false, summary: 'Filters' })
    // a search alone is not a folded filter
    assert.isFalse(filterDisclosure((await agent.get('/admin/orders?q=ada')).text).open)
  })

  test('an applied filter opens the disclosure, counts itself and offers to clear', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const orders = await agent.get('/admin/orders?status=open&payment=paid&sort=total')
    assert.deepEqual(filterDisclosure(orders.text), { open: true, summary: 'Filters 2 applied' })
    assert.include(orders.text, '>Clear filters</a>')
    for (const url of ['/admin/products?status=draft', '/admin/customers?orders=yes', '/admin/customers/subscribers?status=subscribed', '/admin/audit?subjectType=product', '/admin/system/events?status=failed']) {
      const page = await agent.get(url)
      assert.equal(page.status, 200, url)
      assert.deepEqual(filterDisclosure(page.text), { open: true, summary: 'Filters 1 applied' }, url)
    }
  })
})

test.group('Admin | merchant review: developer pages', () => {
  test('jobs, event deliveries and the style guide sit in a folded Developer section, last', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/orders')
    const sidebar = page.text.slice(page.text.indexOf('id="nav-main"'))
    const developer = sidebar.match(/<details class="admin-nav__section admin-nav__section--folded"([^>]*)>([\s\S]*?)<\/details>/)
    assert.exists(developer, 'a Developer disclosure in the sidebar')
    assert.notMatch(developer![1], /\bopen\b/)
    assert.include(developer![2], '>Developer</summary>')
    for (const label of ['Jobs', 'Event deliveries', 'Style guide']) assert.include(developer![2], `>${label}</a>`)
    const systemSection = sidebar.slice(sidebar.indexOf('id="nav-system"'), sidebar.indexOf('admin-nav__section--folded'))
    assert.notInclude(systemSection, '>Jobs</a>')
    // on one of its pages it is open, with that page marked
    const jobs = await agent.get('/admin/system/jobs')
    assert.match(jobs.text, /<details class="admin-nav__section admin-nav__section--folded" open>/)
  })

  test('staff who cannot open the jobs or deliveries pages see only the style guide there', async ({ assert }) => {
    const { agent } = await staffAs('analyst')
    const page = await agent.get('/admin')
    const developer = page.text.match(/admin-nav__section--folded[\s\S]*?<\/details>/)![0]
    assert.include(developer, '>Style guide</a>')
    assert.notInclude(developer, '>Jobs</a>')
    assert.notInclude(developer, '>Event deliveries</a>')
  })
})

