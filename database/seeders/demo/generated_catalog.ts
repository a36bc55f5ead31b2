import type { ImportedProduct } from '#import_export/importers/types'

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same catalog. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (probability: number) => next() < probability,
  }
}
export type Random = ReturnType<typeof createRandom>

export interface ProductKind {
  type: string
  nouns: string[]
  options: Array<[name: string, values: string[]]>
  /** price range in cents */
  price: [number, number]
  grams: number
  tags: string[]
}

const KINDS: ProductKind[] = [
  { type: 'T-Shirts', nouns: ['Tee', 'Crew Tee', 'Pocket Tee'], options: [['Size', ['S', 'M', 'L', 'XL']], ['Color', ['Ink', 'Sand', 'Forest', 'Rust']]], price: [1800, 3600], grams: 180, tags: ['cotton', 'apparel', 'organic'] },
  { type: 'Mugs', nouns: ['Mug', 'Camp Mug', 'Travel Cup'], options: [['Color', ['Chalk', 'Charcoal', 'Sage']]], price: [1200, 2800], grams: 350, tags: ['kitchen', 'ceramic', 'gift'] },
  { type: 'Notebooks', nouns: ['Notebook', 'Journal', 'Sketchbook'], options: [['Paper', ['Dotted', 'Lined', 'Blank']]], price: [900, 2400], grams: 280, tags: ['paper', 'stationery', 'gift'] },
  { type: 'Candles', nouns: ['Candle', 'Soy Candle', 'Tin Candle'], options: [['Size', ['Small', 'Large']]], price: [1400, 3900], grams: 400, tags: ['home', 'scented', 'gift'] },
  { type: 'Posters', nouns: ['Print', 'Poster', 'Art Print'], options: [['Size', ['A3', 'A2', 'A1']]], price: [1500, 6000], grams: 150, tags: ['wall-art', 'home', 'paper'] },
  { type: 'Socks', nouns: ['Socks', 'Wool Socks', 'Hiking Socks'], options: [['Size', ['S/M', 'L/XL']]], price: [900, 2200], grams: 90, tags: ['apparel', 'wool', 'outdoor'] },
  { type: 'Tote Bags', nouns: ['Tote', 'Market Bag', 'Canvas Tote'], options: [], price: [1600, 4200], grams: 220, tags: ['bags', 'canvas', 'everyday'] },
]

/** The product types generated products have. */
export const GENERATED_TYPES = KINDS.map((kind) => kind.type)

const ADJECTIVES = [
  'Harbor', 'Meadow', 'Copper', 'Midnight', 'Sunday', 'Alpine', 'Coastal', 'Ember', 'Juniper', 'Linen',
  'Maple', 'Nordic', 'Orchard', 'Pebble', 'Quartz', 'River', 'Saffron', 'Tidal', 'Urban', 'Velvet',
  'Willow', 'Zephyr', 'Cedar', 'Dune', 'Fjord', 'Granite', 'Hazel', 'Indigo', 'Lagoon', 'Marigold',
]
const VENDORS = ['Stockroom Goods', 'North & Pine', 'Little Harbor Co', 'Atelier Ferro']

/** A product to seed: what the importer reads, plus demo stock and a placeholder hue. */
export interface DemoProduct extends ImportedProduct {
  /** stock per variant, same order as `variants` */
  stock: number[]
  hue: number
}

function slugify(text: string) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** Every combination of the option values, first option varying slowest. */
function combinations(options: ProductKind['options']): string[][] {
  return options.reduce<string[][]>(
    (rows, [, values]) => rows.flatMap((row) => values.map((value) => [...row, value])),
    [[]]
  )
}

/** Demo stock: mostly healthy, some low, a few sold out, never all sold out. */
export function demoStock(random: Random, variantCount: number): number[] {
  return Array.from({ length: variantCount }, (_, index) => {
    const roll = random.next()
    if (roll < 0.08 && index > 0) return 0
    if (roll < 0.2) return random.int(1, 4)
    return random.int(5, 60)
  })
}

/** How generated products are worded: the demo's friendly names, or the bench's large vocabulary. */
export interface CatalogWording {
  title(random: Random, kind: ProductKind, noun: string): string
  descriptionHtml(random: Random, title: string): string
  vendor(random: Random): string
  tags(random: Random, kind: ProductKind): string[]
}

/** The demo store's wording: a few dozen words, so the demo reads like a real little shop. */
export const demoWording: CatalogWording = {
  title: (random, _kind, noun) => `${random.pick(ADJECTIVES)} ${noun}`,
  descriptionHtml: (random, title) =>
    `<p>The ${title.toLowerCase()}: made in small batches, built to last, and just the thing for ${random.pick(['weekends', 'gifting', 'the studio', 'every day', 'the cabin'])}.</p>`,
  vendor: (random) => random.pick(VENDORS),
  tags: (random, kind) => [random.pick(kind.tags), ...(random.chance(0.3) ? ['new'] : [])],
}

/**
 * `count` active products, then `drafts` drafts and `archived` archived ones,
 * spread over the kinds above. Handles are unique and stable for a seed.
 */
export function generateCatalog(
  random: Random,
  counts: { active: number; drafts: number; archived: number },
  wording: CatalogWording = demoWording
) {
  const products: DemoProduct[] = []
  const handles = new Set<string>()
  const total = counts.active + counts.drafts + counts.archived

  for (let index = 0; index < total; index++) {
    const kind = KINDS[index % KINDS.length]
    const noun = random.pick(kind.nouns)
    const baseTitle = wording.title(random, kind, noun)
    let title = baseTitle
    for (let n = 2; handles.has(slugify(title)); n++) title = `${baseTitle} No. ${n}`
    const handle = slugify(title)
    handles.add(handle)

    // Apparel offers two of its colours per design, so a tee has 8 variants, not 16.
    const options = kind.options.map(([name, values]): [string, string[]] =>
      name === 'Color' ? [name, [random.pick(values.slice(0, 2)), random.pick(values.slice(2))]] : [name, values]
    )
    const basePrice = Math.round(random.int(kind.price[0], kind.price[1]) / 100) * 100 - 1
    const onSale = random.chance(0.2)
    const variants = combinations(options).map((values, position) => {
      // Bigger sizes cost a little more.
      const sizeStep = options[0]?.[0] === 'Size' ? options[0][1].indexOf(values[0]) : 0
      const price = basePrice + sizeStep * 200
      return {
        line: 0,
        options: values,
        sku: `${kind.type.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(4, '0')}-${position + 1}`,
        weightGrams: kind.grams,
        price,
        compareAtPrice: onSale ? price + random.int(3, 15) * 100 : null,
        cost: null,
        requiresShipping: true,
        taxable: true,
        trackInventory: true,
        barcode: null,
        inventoryPolicy: 'deny' as const,
        quantity: null,
        imageSrc: null,
      }
    })

    products.push({
      line: 0,
      handle,
      title,
      descriptionHtml: wording.descriptionHtml(random, title),
      vendor: wording.vendor(random),
      productType: kind.type,
      tags: wording.tags(random, kind),
      seoTitle: null,
      seoDescription: null,
      optionNames: options.map(([name]) => name),
      variants,
      images: [],
      status: index < counts.active ? 'active' : index < counts.active + counts.drafts ? 'draft' : 'archived',
      stock: demoStock(random, variants.length),
      hue: random.int(0, 359),
    })
  }
  return products
}
