import { test } from '@japa/runner'
import { HttpAgent } from '#tests/helpers/http_agent'
import { staffPerRole } from '#tests/helpers/staff_session'

/*
| Admin › Style guide: every signed-in staff member sees the tokens and each
| ui component drawn by the component itself; guests are sent to sign in.
*/

const staffAs = staffPerRole()

test.group('Admin | style guide', () => {
  test('shows the colour tokens, the type scale and every ui component', async ({ assert }) => {
    const { agent } = await staffAs('analyst')
    const page = await agent.get('/admin/styleguide')
    assert.equal(page.status, 200, page.text.slice(0, 2000))
    assert.include(page.text, '<h1>Style guide</h1>')
    for (const token of ['text', 'accent', 'danger-soft', 'focus']) assert.include(page.text, `class="swatch swatch--${token}"`)
    assert.include(page.text, 'type-sample--4xl')
    // one mark of each component's markup
    for (const mark of ['class="button button--secondary', 'class="badge badge--success', 'class="checkbox"', 'data-quantity', 'class="card', 'class="breadcrumbs', 'class="tabs', 'class="pagination', 'class="empty-state', 'class="toast toast--error"', 'data-drawer', '<dialog class="modal" id="sg-modal"', 'class="price-compare"']) {
      assert.include(page.text, mark, mark)
    }
    assert.notMatch(page.text, /\sstyle="/, 'no inline styles')
    assert.include(page.text, 'href="/admin/styleguide"', 'linked from the navigation')
  })

  test('guests are sent to sign in', async ({ assert }) => {
    const response = await new HttpAgent().get('/admin/styleguide')
    assert.equal(response.status, 302)
    assert.match(response.location ?? '', /^\/admin\/login/)
  })
})
