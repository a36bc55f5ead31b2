import Collection from '#models/collection'
import { imageSources } from '#queries/storefront_product_query'
import type { HomeSettings } from '#settings/store_settings'
import { MAX_FEATURED_COLLECTIONS } from '#validators/home_page_settings'

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** What Admin › Settings › Home page shows: the fields, the current picture, one collection picker per slot. */
export interface HomePageForm {
  heroHeading: string
  heroText: string
  buttonLabel: string
  buttonLink: string
  heroImageAlt: string
  removeHeroImage: boolean
  picture: { src: string; srcset: string | null; width: number | null; height: number | null } | null
  /** the collection id picked in each slot ('' for none), MAX_FEATURED_COLLECTIONS of them */
  slots: string[]
  collectionOptions: Array<{ value: string; label: string }>
}

async function collectionOptions() {
  const collections = await Collection.query().select('id', 'title', 'published').orderBy('title').limit(500)
  return [
    { value: '', label: 'None' },
    ...collections.map((collection) => ({
      value: String(collection.id),
      label: collection.published ? collection.title : `${collection.title} (hidden from the store)`,
    })),
  ]
}

function slotsOf(ids: unknown[]) {
  return Array.from({ length: MAX_FEATURED_COLLECTIONS }, (_, index) => str(ids[index]))
}

function pictureOf(settings: HomeSettings) {
  return settings.heroImage ? imageSources(settings.heroImage) : null
}

/** The form as saved. */
export async function homePageForm(settings: HomeSettings): Promise<HomePageForm> {
  return {
    heroHeading: str(settings.heroHeading),
    heroText: str(settings.heroText),
    buttonLabel: str(settings.buttonLabel),
    buttonLink: str(settings.buttonLink),
    heroImageAlt: str(settings.heroImageAlt),
    removeHeroImage: false,
    picture: pictureOf(settings),
    slots: slotsOf(settings.featuredCollectionIds),
    collectionOptions: await collectionOptions(),
  }
}

/** The form exactly as submitted (a refused save shows it again); the picture shown is still the saved one. */
export async function homePageFormFromBody(body: Record<string, any>, saved: HomeSettings): Promise<HomePageForm> {
  const picked = Array.isArray(body.featuredCollectionIds) ? body.featuredCollectionIds : []
  return {
    heroHeading: str(body.heroHeading),
    heroText: str(body.heroText),
    buttonLabel: str(body.buttonLabel),
    buttonLink: str(body.buttonLink),
    heroImageAlt: str(body.heroImageAlt),
    removeHeroImage: Boolean(body.removeHeroImage),
    picture: pictureOf(saved),
    slots: slotsOf(picked),
    collectionOptions: await collectionOptions(),
  }
}
