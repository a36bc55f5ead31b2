/*
 * Product page variant picker (Alpine CSP build: no eval, so all logic lives here).
 *
 * Reads the page's <script type="application/json" x-ref="data"> (built by
 * variantPickerData() in app/services/variant_picker.ts): option names and
 * values, and per variant its value indexes plus texts the server already
 * formatted. Picking option values shows that variant's price, compare-at
 * price, availability, SKU and picture, selects it in the add-to-cart form
 * and puts ?variant=<id> in the URL (replaceState: shareable, no history
 * spam). The server renders the same page for that URL.
 *
 * Alpine itself loads when the shopper reaches for the product (pointer,
 * touch or focus on it), not with the page: its CSP build reads every global
 * at start-up, which costs the first load main-thread time. The server
 * renders the picked variant's state, so nothing changes until then.
 */
const productPage = document.querySelector('[x-data="variantPicker"]')
const alpineSrc = productPage?.dataset.alpineSrc

function loadAlpine() {
  if (window.Alpine || document.querySelector('script[data-alpine]')) return
  const script = document.createElement('script')
  script.src = alpineSrc
  script.dataset.alpine = ''
  document.head.append(script)
}

if (productPage && alpineSrc) {
  for (const type of ['pointerover', 'pointerdown', 'touchstart', 'focusin']) {
    productPage.addEventListener(type, loadAlpine, { once: true, passive: true })
  }
  // Until then the form must match what the page shows (a ?variant= may name a sold-out one).
  const select = productPage.querySelector('select[name="variantId"]')
  const shown = select?.querySelector(`option[value="${productPage.dataset.selected}"]`)
  const button = productPage.querySelector('.add-to-cart button[type="submit"]')
  if (shown && !shown.disabled) select.value = shown.value
  if (shown?.disabled && button) {
    button.disabled = true
    button.textContent = 'Sold out'
  }
}

document.addEventListener('alpine:init', () => {
  window.Alpine.data('variantPicker', () => ({
    options: [],
    variants: [],
    images: [],
    /** value index picked for each option */
    chosen: [],
    /** the variant matching `chosen`, or null when that combination does not exist */
    current: null,
    initialImageId: null,

    init() {
      const data = JSON.parse(this.$refs.data.textContent)
      this.options = data.options
      this.variants = data.variants
      this.images = data.images
      const main = this.$root.querySelector('.product-media img')
      this.initialImageId = main ? Number(main.dataset.imageId) : null
      const selectedId = Number(this.$root.dataset.selected)
      const rendered = this.variants.find((variant) => variant.id === selectedId) ?? this.variants[0]
      // the shopper may have picked a radio while Alpine was loading: start from the checked ones,
      // when every option has one (a product without options has no radios, and an empty pick
      // matched its first variant: hovering a ?variant= page switched it to another variant)
      const checked = this.options.map((option, index) => {
        const radio = this.$root.querySelector(`input[name="variant-option-${index}"]:checked`)
        return radio ? option.values.indexOf(radio.value) : -1
      })
      const picked = checked.length && checked.every((index) => index >= 0) ? this.variantWith(checked) : null
      const start = picked ?? rendered
      this.chosen = start ? [...start.values] : this.options.map(() => 0)
      this.current = start ?? null
      if (start && start !== rendered) this.syncUrl()
      this.select()?.addEventListener('change', () => this.showVariant(Number(this.select().value)))
      this.syncForm()
    },

    select() {
      return this.$root.querySelector('select[name="variantId"]')
    },

    /** A radio changed: show the matching variant, or the nearest one that has this value. */
    choose(optionIndex, valueIndex) {
      const wanted = [...this.chosen]
      wanted[optionIndex] = valueIndex
      const exact = this.variantWith(wanted)
      const fallback = exact ?? this.nearest(optionIndex, valueIndex, wanted)
      this.chosen = fallback ? [...fallback.values] : wanted
      this.current = fallback ?? null
      this.syncForm()
      this.syncUrl()
    },

    /** The no-JS select changed (or was reset): follow it. */
    showVariant(id) {
      const variant = this.variants.find((candidate) => candidate.id === id)
      if (!variant || variant === this.current) return
      this.current = variant
      this.chosen = [...variant.values]
      this.syncUrl()
    },

    variantWith(values) {
      return this.variants.find((variant) => variant.values.every((value, index) => value === values[index])) ?? null
    },

    /** Among variants with this value, the one sharing most other picks; buyable ones first. */
    nearest(optionIndex, valueIndex, wanted) {
      let best = null
      let bestScore = -1
      for (const variant of this.variants) {
        if (variant.values[optionIndex] !== valueIndex) continue
        const shared = variant.values.filter((value, index) => value === wanted[index]).length
        const score = shared * 2 + (variant.state === 'sold_out' ? 0 : 1)
        if (score > bestScore) [best, bestScore] = [variant, score]
      }
      return best
    },

    /** What picking this value (keeping the other picks) would give: 'ok' | 'sold_out' | 'missing'. */
    valueState(optionIndex, valueIndex) {
      const values = [...this.chosen]
      values[optionIndex] = valueIndex
      const variant = this.variantWith(values)
      if (!variant) return 'missing'
      return variant.state === 'sold_out' ? 'sold_out' : 'ok'
    },

    isChosen(optionIndex, valueIndex) {
      return this.chosen[optionIndex] === valueIndex
    },

    /** Heard by screen readers after the value's name (the same words as VALUE_NOTES in app/services/variant_picker.ts). */
    valueNote(optionIndex, valueIndex) {
      const state = this.valueState(optionIndex, valueIndex)
      if (state === 'ok') return ''
      return state === 'missing' ? ' (not available in this combination)' : ' (sold out)'
    },

    get priceText() {
      return this.current ? this.current.price : ''
    },

    get compareAtText() {
      return this.current ? this.current.compareAt : null
    },

    get skuText() {
      return this.current ? this.current.sku : null
    },

    get availabilityText() {
      return this.current ? this.current.availability : 'Not available in this combination'
    },

    get availabilityClass() {
      const state = this.current ? this.current.state : 'sold_out'
      if (state === 'sold_out') return 'badge badge--danger'
      return state === 'backorder' ? 'badge' : 'badge badge--success'
    },

    /** The picture to show large: the variant's own, else the one the page opened with. */
    get shownImage() {
      const wanted = this.current && this.current.imageId ? this.current.imageId : this.initialImageId
      return this.images.find((image) => image.id === wanted) ?? this.images.find((image) => image.id === this.initialImageId) ?? {}
    },

    get buyable() {
      return Boolean(this.current) && this.current.state !== 'sold_out'
    },

    /** The add-to-cart form is another component's markup: drive its select and button. */
    syncForm() {
      const select = this.select()
      if (select && this.current) select.value = String(this.current.id)
      const button = this.$root.querySelector('.add-to-cart button[type="submit"]')
      if (button) {
        button.disabled = !this.buyable
        button.textContent = this.buyable ? 'Add to cart' : this.current ? 'Sold out' : 'Unavailable'
      }
    },

    syncUrl() {
      if (!this.current) return
      const url = new URL(window.location.href)
      url.searchParams.set('variant', String(this.current.id))
      window.history.replaceState(window.history.state, '', url)
    },
  }))
})
