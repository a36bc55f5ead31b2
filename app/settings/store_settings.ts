import cache from '@adonisjs/cache/services/main'
import logger from '@adonisjs/core/services/logger'
import StoreSetting from '#models/store_setting'
import type { ImageRendition } from '#models/product_image'

/**
 * The store's own settings, one section per settings page. Each section is
 * one row of `store_settings` (key = section name, value = JSON). Readers get
 * the section typed and completed with its defaults, so a store that never
 * opened a settings page works, and a field added later needs no migration.
 *
 * Every section is read in one query, kept in the app cache under
 * SETTINGS_TAG (memory, plus Redis and its bus in production) and dropped
 * by `invalidateStoreSettings()` after a save: a warm page reads settings
 * without SQL, and every process sees a save at once.
 */

/** A picture stored by the image pipeline (#catalog/product_media): original plus WebP (later AVIF) widths. */
export interface StoredPicture {
  storageKey: string
  renditions: ImageRendition[]
  width: number
  height: number
}

/** The storefront home page (Admin › Settings › Home page). */
export interface HomeSettings {
  /** null: the store's name */
  heroHeading: string | null
  heroText: string | null
  /** the button shows when both are set; the link is a path on this site or an https URL */
  buttonLabel: string | null
  buttonLink: string | null
  /** null: a plain band in the theme's colours */
  heroImage: StoredPicture | null
  heroImageAlt: string | null
  /** collections in the order shown; empty: the first published collections by title */
  featuredCollectionIds: number[]
}

/** Every section and its value type. Later settings pages add theirs here. */
export interface StoreSettingsSections {
  home: HomeSettings
  /** each policy's plain text by its key, '' or absent when not written (#settings/store_policies) */
  policies: Record<string, string>
}

export type SettingsSection = keyof StoreSettingsSections

export const SETTINGS_DEFAULTS: StoreSettingsSections = {
  home: {
    heroHeading: null,
    heroText: null,
    buttonLabel: null,
    buttonLink: null,
    heroImage: null,
    heroImageAlt: null,
    featuredCollectionIds: [],
  },
  policies: {},
}

export const SETTINGS_TAG = 'store_settings'
const CACHE_KEY = 'store_settings:all'
/** A save drops the entry at once; the TTL only bounds what a lost invalidation could leave. */
const CACHE_TTL = '1h'

async function readAllSections(): Promise<Record<string, unknown>> {
  const rows = await StoreSetting.all()
  return Object.fromEntries(rows.map((row) => [row.key, row.value]))
}

/** One section as saved, completed with its defaults (fields saved before a default existed keep their value). */
export async function storeSettings<K extends SettingsSection>(section: K): Promise<StoreSettingsSections[K]> {
  const all = await cache.getOrSet({ key: CACHE_KEY, ttl: CACHE_TTL, tags: [SETTINGS_TAG], factory: readAllSections })
  const saved = all[section]
  const defaults = SETTINGS_DEFAULTS[section]
  return saved && typeof saved === 'object' ? { ...defaults, ...(saved as Partial<StoreSettingsSections[K]>) } : { ...defaults }
}

/** Drops the cached settings everywhere. Runs after the save committed: a failure is logged, not thrown. */
export async function invalidateStoreSettings() {
  try {
    await cache.deleteByTag({ tags: [SETTINGS_TAG] })
  } catch (error) {
    logger.error({ err: error }, 'store settings cache invalidation failed')
  }
}

/** Well-formed input a settings page cannot take (a button without a link, a file that is no picture); messages by field. */
export class SettingsInputError extends Error {
  code = 'E_SETTINGS_INPUT'
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? 'Invalid settings')
  }
}
