import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#services/actor'
import SaveStoreSettings from '#actions/settings/save_store_settings'
import type { ImageUpload } from '#actions/catalog/upload_product_images'
import { IMAGE_LIMITS, ImageRejectedError, formatBytes, processImage } from '#catalog/image_processing'
import { deleteStoredFiles, storedKeysOf, storeStorePicture } from '#catalog/product_media'
import { SettingsInputError, storeSettings, type HomeSettings, type StoredPicture } from '#settings/store_settings'
import type { HomePageSettingsInput } from '#validators/home_page_settings'

/** Where hero pictures are stored (each in a fresh folder of its own). */
const HERO_FOLDER = 'store/hero'

/** Blank text is "not set": the storefront then shows its default. */
const textOrNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null)

/**
 * Saves Admin › Settings › Home page: the hero's words, button and picture,
 * and the featured collections in the order picked. A new picture goes
 * through the product images' pipeline (checked by its content, WebP
 * widths for srcset, the same disk) before anything is saved; the replaced
 * one is deleted once the save committed. The save itself, its audit entry
 * and the cache drops are SaveStoreSettings'.
 */
@inject()
export default class SaveHomePage {
  constructor(private saveSettings: SaveStoreSettings) {}

  async handle(input: HomePageSettingsInput, upload: ImageUpload | null, actor: Actor): Promise<HomeSettings> {
    const buttonLabel = textOrNull(input.buttonLabel)
    const buttonLink = textOrNull(input.buttonLink)
    if (buttonLabel && !buttonLink) throw new SettingsInputError({ buttonLink: 'Enter where the button leads, or clear its label' })
    if (buttonLink && !buttonLabel) throw new SettingsInputError({ buttonLabel: 'Enter the button label, or clear its link' })

    const current = await storeSettings('home')
    const featuredCollectionIds = await existingCollectionIds(input.featuredCollectionIds ?? [])
    const uploaded = upload ? await storePicture(upload) : null
    const heroImage = uploaded ?? (input.removeHeroImage ? null : current.heroImage)

    const value: HomeSettings = {
      heroHeading: textOrNull(input.heroHeading),
      heroText: textOrNull(input.heroText),
      buttonLabel,
      buttonLink,
      heroImage,
      heroImageAlt: textOrNull(input.heroImageAlt),
      featuredCollectionIds,
    }
    try {
      await this.saveSettings.handle('home', value, actor)
    } catch (error) {
      if (uploaded) await deleteStoredFiles(storedKeysOf(uploaded))
      throw error
    }
    if (current.heroImage && current.heroImage.storageKey !== heroImage?.storageKey) {
      await deleteStoredFiles(storedKeysOf(current.heroImage))
    }
    return value
  }
}

/** The picked collections that still exist, once each, in the order picked. */
async function existingCollectionIds(picked: Array<number | null | undefined>) {
  const ids = [...new Set(picked.filter((id): id is number => typeof id === 'number'))]
  if (!ids.length) return []
  const rows = await db.from('collections').whereIn('id', ids).select('id')
  const existing = new Set(rows.map((row) => Number(row.id)))
  return ids.filter((id) => existing.has(id))
}

/** Checks and stores an uploaded hero picture; a refused file is a form error on the picture field. */
async function storePicture(upload: ImageUpload): Promise<StoredPicture> {
  try {
    if (upload.size > IMAGE_LIMITS.maxBytes) {
      throw new ImageRejectedError(`The file is ${formatBytes(upload.size)}; images may be at most ${formatBytes(IMAGE_LIMITS.maxBytes)}.`, 'too_large')
    }
    const processed = await processImage(await upload.read())
    const stored = await storeStorePicture(HERO_FOLDER, processed)
    return { ...stored, width: processed.original.width, height: processed.original.height }
  } catch (error) {
    if (error instanceof ImageRejectedError) throw new SettingsInputError({ heroImage: error.message })
    throw error
  }
}
