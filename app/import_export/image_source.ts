import { mediaUrl } from '#catalog/product_media'
import { storeUrl } from '#services/store_url'

/** The absolute URL an export writes for a stored image file, on the store's address (#services/store_url). */
export function storedImageUrl(storageKey: string) {
  return storeUrl(mediaUrl(storageKey))
}

/** Path and query of a URL; null when it is not one. */
function pathOf(url: string) {
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search
  } catch {
    return null
  }
}

/**
 * A product's stored images, found by the URL a CSV gives for them: a
 * remote image by its source URL, an uploaded or rendered file by the URL
 * the export wrote for it. Files match on path alone, so an export taken
 * under another host name (staging, a changed APP_URL) still reads back
 * as the same images instead of adding copies.
 */
export class ImageIndex<T> {
  readonly #bySource = new Map<string, T>()
  readonly #byFilePath = new Map<string, T>()

  /** Later entries win, as the last stored image of a URL did before. */
  add(sourceUrl: string | null, storageKey: string | null, value: T) {
    if (sourceUrl) {
      this.#bySource.set(sourceUrl, value)
    } else if (storageKey) {
      const path = pathOf(storedImageUrl(storageKey))
      if (path) this.#byFilePath.set(path, value)
    }
  }

  find(src: string): T | undefined {
    const found = this.#bySource.get(src)
    if (found !== undefined || !this.#byFilePath.size) return found
    const path = pathOf(src)
    return path ? this.#byFilePath.get(path) : undefined
  }
}
