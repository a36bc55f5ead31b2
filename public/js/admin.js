/*
 * Back-office behaviour on top of pages that already work without it.
 *
 * - toasts: a save answered by htmx carries its flash message in an
 *   `HX-Trigger: {"toast": {"toasts": [{message, tone}]}}` header (see
 *   flashAsToast in app/middleware/htmx_middleware.ts); it is shown in the
 *   page's toast region (role=status, so screen readers announce it) and
 *   leaves after a few seconds or on its close button.
 */
const TOAST_MS = 6000

function showToast({ message, tone }) {
  const region = document.getElementById('toast-region')
  if (!region || !message) return
  const toast = document.createElement('div')
  toast.className = tone === 'error' ? 'toast toast--error' : 'toast'
  toast.dataset.toast = tone === 'error' ? 'error' : 'success'
  const text = document.createElement('p')
  text.textContent = message
  const close = document.createElement('button')
  close.type = 'button'
  close.className = 'toast__close'
  close.setAttribute('aria-label', 'Dismiss')
  close.textContent = '×'
  close.addEventListener('click', () => toast.remove())
  toast.append(text, close)
  region.append(toast)
  setTimeout(() => toast.remove(), tone === 'error' ? TOAST_MS * 2 : TOAST_MS)
}

document.addEventListener('toast', (event) => {
  for (const toast of event.detail?.toasts ?? []) showToast(toast)
})

/*
 * - bulk selection: a list's row checkboxes belong to its bulk form
 *   (form="bulk-form"). The form is a normal form, shown without JavaScript;
 *   here it stays hidden until a row is ticked and says how many are. The
 *   header's "select all" box (hidden without JavaScript) ticks every row on
 *   the page, and is mixed when only some are.
 */
function bulkRows(formId) {
  return [...document.querySelectorAll(`input[type="checkbox"][form="${formId}"]`)]
}

function syncBulkBar(form) {
  const rows = bulkRows(form.id)
  const ticked = rows.filter((row) => row.checked).length
  form.hidden = ticked === 0
  const count = form.querySelector('[data-bulk-count]')
  if (count) count.textContent = ticked ? `${ticked} selected` : ''
  const all = document.querySelector(`[data-select-all="${form.id}"]`)
  if (all) {
    all.hidden = rows.length === 0
    all.checked = rows.length > 0 && ticked === rows.length
    all.indeterminate = ticked > 0 && ticked < rows.length
  }
}

function syncBulkBars() {
  for (const form of document.querySelectorAll('form[data-bulk-bar]')) syncBulkBar(form)
}

document.addEventListener('change', (event) => {
  const target = event.target
  if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return
  const allFor = target.dataset.selectAll
  if (allFor) for (const row of bulkRows(allFor)) row.checked = target.checked
  const formId = allFor || target.getAttribute('form')
  const form = formId && document.getElementById(formId)
  if (form?.hasAttribute('data-bulk-bar')) syncBulkBar(form)
})
// filters and pages swap the table (and its checkboxes) under htmx
document.addEventListener('htmx:afterSwap', syncBulkBars)
document.addEventListener('DOMContentLoaded', syncBulkBars)

/*
 * - the command palette (components/admin/command_palette.edge): ⌘K / Ctrl-K
 *   or the header's Search button opens it; typing asks /admin/search.json
 *   (after a short pause, the latest answer wins); ArrowUp/ArrowDown move the
 *   active option (aria-activedescendant), Enter or a click opens it, Esc
 *   closes the dialog (native <dialog>).
 */
const palette = document.querySelector('[data-palette]')
const paletteDialog = palette?.closest('dialog')
const paletteInput = palette?.querySelector('[role="combobox"]')
const paletteList = palette?.querySelector('[role="listbox"]')
const paletteStatus = palette?.querySelector('[role="status"]')
let paletteActive = -1
let paletteTimer = null
let paletteAsked = 0

function paletteOptions() {
  return paletteList ? [...paletteList.querySelectorAll('[role="option"]')] : []
}

function setPaletteActive(index) {
  const options = paletteOptions()
  paletteActive = options.length ? (index + options.length) % options.length : -1
  options.forEach((option, at) => option.setAttribute('aria-selected', String(at === paletteActive)))
  const active = options[paletteActive]
  if (active) {
    paletteInput.setAttribute('aria-activedescendant', active.id)
    active.scrollIntoView({ block: 'nearest' })
  } else paletteInput.removeAttribute('aria-activedescendant')
}

function renderPalette(results, message) {
  paletteList.replaceChildren(
    ...results.map((result, index) => {
      const option = document.createElement('li')
      option.id = `palette-option-${index}`
      option.setAttribute('role', 'option')
      option.className = 'palette__option'
      option.dataset.href = result.href
      option.dataset.kind = result.kind
      const label = document.createElement('span')
      label.className = 'palette__label'
      label.textContent = result.label
      const detail = document.createElement('span')
      detail.className = 'palette__detail'
      detail.textContent = result.detail ?? ''
      option.append(label, detail)
      return option
    })
  )
  paletteInput.setAttribute('aria-expanded', String(results.length > 0))
  paletteStatus.textContent = message ?? (results.length ? `${results.length} results` : 'No matches')
  setPaletteActive(results.length ? 0 : -1)
}

async function askPalette(query) {
  const asked = ++paletteAsked
  if (!query.trim()) return renderPalette([], '')
  const url = `${palette.dataset.searchUrl}?q=${encodeURIComponent(query)}`
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    const body = await response.json()
    if (asked !== paletteAsked) return // a newer query is on its way
    if (response.status === 429) return renderPalette([], 'Too many searches in a minute; wait a moment.')
    renderPalette(body.results ?? [], response.ok ? undefined : body.message)
  } catch {
    if (asked === paletteAsked) renderPalette([], 'Search is not answering; try again.')
  }
}

function openPalette() {
  if (!paletteDialog || paletteDialog.open) return
  paletteDialog.showModal()
  paletteInput.focus()
  paletteInput.select()
}

function goToOption(option) {
  if (option?.dataset.href) window.location.assign(option.dataset.href)
}

if (palette) {
  for (const opener of document.querySelectorAll('[data-palette-open]')) {
    opener.hidden = false
    opener.addEventListener('click', openPalette)
  }
  document.addEventListener('keydown', (event) => {
    if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault()
      openPalette()
    }
  })
  paletteInput.addEventListener('input', () => {
    clearTimeout(paletteTimer)
    paletteTimer = setTimeout(() => askPalette(paletteInput.value), 150)
  })
  paletteInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setPaletteActive(paletteActive + (event.key === 'ArrowDown' ? 1 : -1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      goToOption(paletteOptions()[paletteActive])
    }
  })
  paletteList.addEventListener('click', (event) => goToOption(event.target.closest?.('[role="option"]')))
}
