/*
 * Storefront enhancements, in plain JavaScript (every page loads this file, so
 * it stays small and starts nothing: Alpine's CSP build, by contrast, reads
 * every global at start-up and costs the first load). Everything here only
 * improves what already works without JavaScript:
 *
 * - drawers (<details data-drawer>, components/ui/drawer.edge): Esc and the
 *   close button shut them, focus moves in and back, the page behind stops
 *   scrolling;
 * - dialogs (components/ui/modal.edge): buttons with data-modal-open="id";
 * - quantity steppers (components/ui/quantity.edge): − and + step the input
 *   within its min and max and fire `change` (htmx forms listen for it);
 * - search suggestions (#search-suggestions): ArrowDown/ArrowUp move through
 *   the results, Esc closes them and returns to the search box;
 * - the product lightbox: the main picture (a link to its large copy) opens
 *   it; arrows and buttons step through the pictures;
 * - the cart drawer: the header's cart icon (a link to /cart) and Add to
 *   cart open it, filled by htmx from GET /cart; a typed cart quantity posts
 *   when it changes;
 * - htmx itself, loaded on intent (below), and the header's cart count.
 */
const root = document.documentElement

/* ---------- htmx on intent ---------- */
/*
 * Storefront pages do not load htmx with the page (layout prop `htmx` asks for it at once, as the
 * live order pages do): evaluating its 52 KB and scanning the page were the largest script cost of
 * a phone's first load (about 40 ms of main thread, measured with Lighthouse's mobile profile).
 * All it does is improve what works without it, so it loads at the first sign of intent (a touch,
 * a key, focus, the pointer) after the page has loaded, and what the shopper did before it
 * arrived (a submitted form, a changed filter, a typed search) is handed to it once it has.
 */
const htmxSource = document.querySelector('meta[name="htmx-src"]')?.content
let htmxLoading = null
let htmxFailed = false // then pages stay as they work without it

function pageLoaded() {
  return document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }))
}

function loadHtmx() {
  if (globalThis.htmx) return Promise.resolve(globalThis.htmx)
  if (!htmxSource || htmxFailed) return Promise.reject(new Error('htmx is not on this page'))
  // Only once the document is complete: htmx starts itself on DOMContentLoaded, or at once if
  // the document is already complete, but never when it arrives in between.
  htmxLoading ??= pageLoaded().then(
    () =>
      new Promise((resolve, reject) => {
        const script = document.createElement('script')
        script.src = htmxSource
        script.onload = () => resolve(globalThis.htmx)
        script.onerror = () => {
          htmxFailed = true
          reject(new Error('htmx did not load'))
        }
        document.head.append(script)
      })
  )
  return htmxLoading
}

if (htmxSource) {
  for (const type of ['pointerdown', 'touchstart', 'keydown', 'focusin', 'mouseover']) {
    addEventListener(type, () => loadHtmx().catch(() => {}), { once: true, passive: true, capture: true })
  }
}

const HTMX_REQUEST = '[hx-get], [hx-post]'
const waitingForHtmx = () => Boolean(htmxSource) && !globalThis.htmx && !htmxFailed

// A form htmx would have sent: held, then submitted again through htmx (clicking the same button,
// so htmx sends its name and value); if htmx cannot load, the form posts as it would without it.
document.addEventListener(
  'submit',
  (event) => {
    const form = event.target
    const submitter = event.submitter
    if (!waitingForHtmx() || !(form.matches?.(HTMX_REQUEST) || submitter?.matches?.(HTMX_REQUEST))) return
    event.preventDefault()
    loadHtmx().then(
      () => (submitter && submitter !== form ? submitter.click() : form.requestSubmit()),
      () => (submitter ? form.requestSubmit(submitter) : form.submit())
    )
  },
  true
)

// A change or typing htmx listens for (filters, shipping choice, search suggestions): raised
// again on the same control once htmx is there.
for (const type of ['change', 'input']) {
  document.addEventListener(
    type,
    (event) => {
      const control = event.target
      if (!waitingForHtmx() || !event.isTrusted || !control.closest?.(`[hx-trigger*="${type}"]`)) return
      loadHtmx().then(() => control.dispatchEvent(new Event(type, { bubbles: true })), () => {})
    },
    true
  )
}

/* ---------- header cart count ---------- */
// Personal, so never part of a cached page: fetched once the page has loaded (without waiting for
// htmx), then replaced by htmx on each `cart-changed`. Without JavaScript it is a plain link.
const miniCartUrl = document.getElementById('mini-cart')?.getAttribute('hx-get')
if (miniCartUrl) {
  pageLoaded()
    .then(() => fetch(miniCartUrl, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' }))
    .then((response) => (response.ok ? response.text() : null))
    .then((html) => {
      const current = document.getElementById('mini-cart')
      if (!html || !current) return
      const template = document.createElement('template')
      template.innerHTML = html.trim()
      const fresh = template.content.firstElementChild
      if (fresh?.id !== 'mini-cart') return
      const hadFocus = document.activeElement === current
      current.replaceWith(fresh)
      if (hadFocus) fresh.focus()
      globalThis.htmx?.process(fresh)
    })
    .catch(() => {})
}

/* ---------- drawers ---------- */
function openDrawers() {
  return document.querySelectorAll('details[data-drawer][open]')
}

function closeDrawer(drawer, { restoreFocus = true } = {}) {
  drawer.open = false
  if (restoreFocus) drawer.querySelector('summary')?.focus()
}

document.addEventListener(
  'toggle',
  (event) => {
    const drawer = event.target
    if (!(drawer instanceof HTMLDetailsElement) || !drawer.hasAttribute('data-drawer')) return
    const close = drawer.querySelector('[data-drawer-close]')
    if (drawer.open) {
      if (close) close.hidden = false
      root.classList.add('has-open-drawer')
      drawer.querySelector('.drawer__panel a, .drawer__panel input, .drawer__panel select, .drawer__panel button:not([hidden])')?.focus()
    } else if (!openDrawers().length) {
      root.classList.remove('has-open-drawer')
    }
  },
  true
)

document.addEventListener('click', (event) => {
  const close = event.target.closest?.('[data-drawer-close]')
  if (close) closeDrawer(close.closest('details'))
  const opener = event.target.closest?.('[data-modal-open]')
  if (opener) document.getElementById(opener.dataset.modalOpen)?.showModal?.()
  // a tap outside the search box and its suggestions closes them
  if (!event.target.closest?.('[data-search]')) clearSuggestions()
})

/* ---------- quantity steppers ---------- */
document.addEventListener('click', (event) => {
  const button = event.target.closest?.('.quantity__button[data-step]')
  if (!button) return
  const input = button.closest('[data-quantity]')?.querySelector('input')
  if (!input) return
  const min = input.min === '' ? -Infinity : Number(input.min)
  const max = input.max === '' ? Infinity : Number(input.max)
  const next = Math.min(max, Math.max(min, (Number(input.value) || 0) + Number(button.dataset.step)))
  if (String(next) === input.value) return
  input.value = String(next)
  input.dispatchEvent(new Event('change', { bubbles: true }))
})

/* ---------- search suggestions ---------- */
const searchInput = document.getElementById('store-search-q')
const suggestions = document.getElementById('search-suggestions')

function suggestionLinks() {
  return suggestions ? [...suggestions.querySelectorAll('a')] : []
}

function clearSuggestions() {
  if (suggestions && suggestions.childElementCount) suggestions.replaceChildren()
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    const drawers = openDrawers()
    if (drawers.length) {
      closeDrawer(drawers[drawers.length - 1])
      return
    }
    if (suggestions?.childElementCount && (event.target === searchInput || suggestions.contains(event.target))) {
      clearSuggestions()
      searchInput?.focus()
    }
    return
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  if (event.target !== searchInput && !suggestions?.contains(event.target)) return
  const links = suggestionLinks()
  if (!links.length) return
  event.preventDefault()
  const at = links.indexOf(event.target)
  const next = event.key === 'ArrowDown' ? at + 1 : at - 1
  if (next < 0) searchInput?.focus()
  else links[Math.min(next, links.length - 1)].focus()
})

/* ---------- listing filters drawer (phones; partials/storefront/catalog.edge) ---------- */
// Opened in place (no jump to #catalog-filters, no history entry) and kept open
// while htmx swaps the listing after each change, with focus back on the same control.
let filtersOpen = false

function filtersPanel() {
  return document.getElementById('catalog-filters')
}

function setFiltersOpen(open) {
  filtersOpen = open
  filtersPanel()?.classList.toggle('is-open', open)
  root.classList.toggle('has-open-drawer', open)
}

document.addEventListener('click', (event) => {
  if (event.target.closest?.('[data-filter-open]')) {
    event.preventDefault()
    setFiltersOpen(true)
    filtersPanel()?.focus()
  } else if (event.target.closest?.('[data-filter-close]')) {
    event.preventDefault()
    setFiltersOpen(false)
    if (location.hash === '#catalog-filters') history.replaceState(null, '', location.pathname + location.search)
    document.querySelector('[data-filter-open]')?.focus()
  }
})

let focusedControl = null
document.addEventListener('htmx:beforeSwap', () => {
  const active = document.activeElement
  focusedControl = active && active.closest?.('#catalog-filters') && active.name ? { name: active.name, value: active.value, id: active.id } : null
})
// htmx:load, not afterSwap: an outerHTML swap detaches the element afterSwap is raised on.
document.addEventListener('htmx:load', (event) => {
  if (!filtersOpen || !event.target.querySelector?.('#catalog-filters')) return
  setFiltersOpen(true)
  if (!focusedControl) return
  const { name, value, id } = focusedControl
  const panel = filtersPanel()
  const control = (id && document.getElementById(id)) || [...(panel?.querySelectorAll(`[name="${CSS.escape(name)}"]`) ?? [])].find((el) => el.value === value)
  control?.focus()
})

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && filtersOpen) setFiltersOpen(false)
})

/* ---------- product gallery (partials/storefront/product_gallery.edge) ---------- */
// A thumbnail and the main picture trade places, with their sources, sizes and alt texts.
const SWAPPED = ['src', 'srcset', 'alt', 'width', 'height', 'data-image-id']
document.addEventListener('click', (event) => {
  const thumb = event.target.closest?.('[data-gallery-thumb]')
  const main = document.querySelector('.product-media img')
  const small = thumb?.querySelector('img')
  if (!thumb || !main || !small) return
  event.preventDefault()
  for (const name of SWAPPED) {
    const [big, little] = [main.getAttribute(name), small.getAttribute(name)]
    little === null ? main.removeAttribute(name) : main.setAttribute(name, little)
    big === null ? small.removeAttribute(name) : small.setAttribute(name, big)
  }
  const [mainSource, smallSource] = [main.parentElement.querySelector('source'), small.parentElement.querySelector('source')]
  if (mainSource && smallSource) {
    const srcset = mainSource.getAttribute('srcset')
    mainSource.setAttribute('srcset', smallSource.getAttribute('srcset') ?? '')
    smallSource.setAttribute('srcset', srcset ?? '')
  } else {
    mainSource?.remove()
    smallSource?.remove()
  }
  // each link keeps opening its own picture's large copy (the zoom without JavaScript)
  const zoom = main.closest('[data-lightbox-open]')
  const [mainLarge, smallLarge] = [largeOf(main.getAttribute('data-image-id')), largeOf(small.getAttribute('data-image-id'))]
  if (zoom && mainLarge) zoom.href = mainLarge
  if (smallLarge) thumb.href = smallLarge
  thumb.setAttribute('aria-label', `Show picture: ${small.alt || 'previous picture'}`)
})

/* ---------- product lightbox (#product-lightbox in product_gallery.edge) ---------- */
// The main picture links to its large copy; here it opens the lightbox at that picture instead.
// Esc and the close button are the dialog's own; focus goes back to the picture's link.
const lightbox = () => document.getElementById('product-lightbox')
const lightboxItems = () => [...(lightbox()?.querySelectorAll('.lightbox__item') ?? [])]

function largeOf(imageId) {
  return lightboxItems().find((item) => item.dataset.imageId === imageId)?.dataset.large ?? null
}

function showLightboxItem(index) {
  const items = lightboxItems()
  if (!items.length) return
  const shown = (index + items.length) % items.length
  items.forEach((item, at) => (item.hidden = at !== shown))
  const position = lightbox().querySelector('[data-lightbox-position]')
  if (position) position.textContent = String(shown + 1)
}

document.addEventListener('click', (event) => {
  const opener = event.target.closest?.('[data-lightbox-open]')
  const dialog = lightbox()
  if (opener && dialog?.showModal) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button) return
    event.preventDefault()
    const shownId = opener.querySelector('img')?.getAttribute('data-image-id')
    showLightboxItem(Math.max(0, lightboxItems().findIndex((item) => item.dataset.imageId === shownId)))
    dialog.showModal()
    return
  }
  const step = event.target.closest?.('[data-lightbox-step]')
  if (step && dialog?.open) showLightboxItem(lightboxItems().findIndex((item) => !item.hidden) + Number(step.dataset.lightboxStep))
  // a tap on the dark area around the picture closes it
  else if (dialog?.open && (event.target === dialog || event.target.classList?.contains('lightbox__item'))) dialog.close()
})

document.addEventListener('keydown', (event) => {
  const dialog = lightbox()
  if (!dialog?.open || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return
  event.preventDefault()
  showLightboxItem(lightboxItems().findIndex((item) => !item.hidden) + (event.key === 'ArrowRight' ? 1 : -1))
})

document.addEventListener(
  'close',
  (event) => {
    if (event.target?.id === 'product-lightbox') document.querySelector('[data-lightbox-open]')?.focus()
  },
  true
)

/* ---------- cart drawer (#cart-drawer in the store layout) ---------- */
// The header's cart icon and a successful Add to cart open it; its content comes from GET /cart
// aimed at #cart-drawer-content (the server answers the drawer's fragment, priced afresh). On the
// cart page itself the icon stays a plain link. Esc and the close button are the dialog's own.
let cartDrawerOpener = null

function openCartDrawer(opener) {
  const drawer = document.getElementById('cart-drawer')
  if (!drawer?.showModal || !(globalThis.htmx || htmxSource) || document.getElementById('cart')) return false
  cartDrawerOpener = opener ?? document.activeElement
  if (!drawer.open) drawer.showModal()
  loadHtmx().then(
    (htmx) => htmx.ajax('GET', drawer.dataset.cartUrl, { target: '#cart-drawer-content', swap: 'outerHTML' }),
    () => location.assign(drawer.dataset.cartUrl) // no htmx (offline?): the cart page instead
  )
  return true
}

document.addEventListener('click', (event) => {
  // a tap on the backdrop (the dialog itself, outside its panel) closes it
  if (event.target.id === 'cart-drawer' && event.target.open) return event.target.close()
  const icon = event.target.closest?.('#mini-cart')
  if (!icon || event.metaKey || event.ctrlKey || event.shiftKey || event.button) return
  if (openCartDrawer(icon)) event.preventDefault()
})

// The add-to-cart form's answer raises `cart-changed` (HX-Trigger) only when the line was added.
document.addEventListener('cart-changed', (event) => {
  const form = event.target.closest?.('form.add-to-cart')
  if (form) openCartDrawer(form.querySelector('button[type=submit]'))
})

document.addEventListener(
  'close',
  (event) => {
    if (event.target?.id !== 'cart-drawer') return
    // the header icon is swapped by htmx after each change: find it again if it was the opener
    const opener = cartDrawerOpener?.isConnected ? cartDrawerOpener : document.getElementById('mini-cart')
    opener?.focus()
    cartDrawerOpener = null
  },
  true
)

/* ---------- cart quantities (pages/storefront/cart/_cart_lines.edge) ---------- */
// A typed quantity posts when it changes, as the − and + do; Enter also submits the form, and a
// request already under way (htmx marks the form) makes the change handler stand down.
document.addEventListener('change', (event) => {
  const form = event.target.closest?.('form[data-cart-quantity]')
  if (!form || event.target.name !== 'quantity') return
  setTimeout(() => {
    if (form.isConnected && !form.classList.contains('htmx-request')) form.requestSubmit()
  })
})
