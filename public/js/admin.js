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
