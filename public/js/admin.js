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
 * - filter count: a list's folded filters (components/admin/filter_form.edge)
 *   say how many are applied; htmx swaps only the results, so the count in
 *   the summary follows the fields here.
 */
document.addEventListener('change', (event) => {
  const form = event.target instanceof Element && event.target.closest('form[data-filters]')
  const count = form?.querySelector('[data-filter-count]')
  if (!count) return
  const applied = [...form.querySelectorAll('.filters__fields :is(input, select)')].filter((field) => field.value !== '').length
  count.textContent = applied ? `${applied} applied` : ''
})

/*
 * - fields for one choice: a group marked data-shown-by="<select id>" and
 *   data-shown-for="<values>" (the shipping rate's weight prices, a
 *   discount's value) is hidden while its select holds another value.
 *   Without JavaScript every group shows, each under its own heading.
 */
function syncShownFor(select) {
  for (const group of document.querySelectorAll(`[data-shown-by="${select.id}"]`)) {
    group.hidden = !group.dataset.shownFor.split(' ').includes(select.value)
  }
}
document.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement && event.target.id) syncShownFor(event.target)
})
for (const id of new Set([...document.querySelectorAll('[data-shown-by]')].map((group) => group.dataset.shownBy))) {
  const select = document.getElementById(id)
  if (select) syncShownFor(select)
}

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

/*
 * - image order (products/_images.edge): a picture is dragged by its handle
 *   (HTML5 drag and drop); when it is let go somewhere new, the list's order
 *   is written into the panel's hidden order form, which htmx posts and
 *   answers with the refreshed panel. Keyboards and pages without JavaScript
 *   use each picture's Make main / Move up / Move down buttons.
 */
let draggedImage = null
let orderBeforeDrag = ''

const imageOrderOf = (list) => [...list.querySelectorAll(':scope > [data-image-id]')].map((item) => item.dataset.imageId)

function showDragHandles() {
  for (const handle of document.querySelectorAll('[data-drag-handle]')) handle.hidden = false
}

function saveImageOrder(list) {
  const form = document.getElementById(list.dataset.imageList)
  if (!form) return
  for (const input of form.querySelectorAll('input[name="imageIds[]"]')) input.remove()
  for (const id of imageOrderOf(list)) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = 'imageIds[]'
    input.value = id
    form.append(input)
  }
  form.requestSubmit()
}

document.addEventListener('pointerdown', (event) => {
  const handle = event.target.closest?.('[data-drag-handle]')
  // only the handle starts a drag, so text in the alt field can still be selected
  if (handle) handle.closest('[data-image-id]').draggable = true
})
document.addEventListener('dragstart', (event) => {
  const item = event.target.closest?.('[data-image-id]')
  if (!item?.draggable) return
  draggedImage = item
  orderBeforeDrag = imageOrderOf(item.parentElement).join()
  item.classList.add('image-item--dragging')
  event.dataTransfer.effectAllowed = 'move'
  event.dataTransfer.setData('text/plain', item.dataset.imageId)
})
document.addEventListener('dragover', (event) => {
  if (!draggedImage) return
  const over = event.target.closest?.('[data-image-id]')
  if (!over || over.parentElement !== draggedImage.parentElement) return
  event.preventDefault()
  if (over === draggedImage) return
  const box = over.getBoundingClientRect()
  over.parentElement.insertBefore(draggedImage, event.clientY > box.top + box.height / 2 ? over.nextSibling : over)
})
document.addEventListener('drop', (event) => {
  if (draggedImage) event.preventDefault()
})
document.addEventListener('dragend', () => {
  if (!draggedImage) return
  const item = draggedImage
  draggedImage = null
  item.classList.remove('image-item--dragging')
  item.draggable = false
  if (imageOrderOf(item.parentElement).join() !== orderBeforeDrag) saveImageOrder(item.parentElement)
})

/*
 * - upload drop zones (.dropzone around a real <input type="file">): files
 *   dropped anywhere on the zone go into its input, as a drop on the input
 *   itself already does without JavaScript.
 */
const dropzoneOf = (event) => (draggedImage ? null : event.target.closest?.('[data-dropzone]'))
document.addEventListener('dragover', (event) => {
  const zone = dropzoneOf(event)
  if (!zone || !event.dataTransfer?.types.includes('Files')) return
  event.preventDefault()
  zone.classList.add('dropzone--over')
})
document.addEventListener('dragleave', (event) => {
  const zone = dropzoneOf(event)
  if (zone && !zone.contains(event.relatedTarget)) zone.classList.remove('dropzone--over')
})
document.addEventListener('drop', (event) => {
  const zone = dropzoneOf(event)
  if (!zone || !event.dataTransfer?.files.length) return
  event.preventDefault()
  zone.classList.remove('dropzone--over')
  const input = zone.querySelector('input[type="file"]')
  input.files = event.dataTransfer.files
  input.dispatchEvent(new Event('change', { bubbles: true }))
})

/*
 * - save bars (.save-bar in a form with data-save-bar): the bar is sticky
 *   without JavaScript; here it also says when the form has unsaved changes.
 */
document.addEventListener('input', (event) => {
  const form = event.target.closest?.('form[data-save-bar]')
  if (form) form.querySelector('.save-bar')?.setAttribute('data-dirty', '')
})

document.addEventListener('htmx:afterSwap', showDragHandles)
document.addEventListener('DOMContentLoaded', showDragHandles)
