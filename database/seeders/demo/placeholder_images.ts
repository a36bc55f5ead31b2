import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { placeholderImageKey } from '#catalog/product_image_order'

export const PLACEHOLDER_SIZE = 800

export interface PlaceholderRequest {
  productId: number
  title: string
  caption: string | null
  /** 0-359, picked by the caller so the result is deterministic */
  hue: number
}

export interface RenderedPlaceholder {
  productId: number
  storageKey: string
  width: number
  height: number
  byteSize: number
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** "Harbor Crew Tee" -> "HC" */
export function initialsOf(title: string) {
  const words = title.split(/\s+/).filter((word) => /[a-z0-9]/i.test(word))
  return words
    .slice(0, 2)
    .map((word) => word.replace(/[^a-z0-9]/gi, '')[0] ?? '')
    .join('')
    .toUpperCase()
}

function svgFor(request: PlaceholderRequest) {
  const size = PLACEHOLDER_SIZE
  const caption = request.caption
    ? `<text x="50%" y="${size * 0.9}" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${size / 20}" fill="rgba(255,255,255,0.85)">${escapeXml(request.caption)}</text>`
    : ''
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
      `<rect width="100%" height="100%" fill="hsl(${request.hue},50%,42%)"/>` +
      `<circle cx="50%" cy="50%" r="${size * 0.33}" fill="rgba(255,255,255,0.14)"/>` +
      `<text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="700" font-size="${size * 0.27}" fill="#fff">${escapeXml(initialsOf(request.title))}</text>` +
      caption +
      '</svg>'
  )
}

/**
 * Renders a square WebP placeholder per product under
 * `<uploadsDir>/products/<id>/placeholder.webp`, a few at a time (libvips
 * is multi-threaded already; more in flight only queues).
 */
export async function renderPlaceholders(
  uploadsDir: string,
  requests: PlaceholderRequest[],
  concurrency = 4
): Promise<RenderedPlaceholder[]> {
  const results: RenderedPlaceholder[] = []
  let next = 0
  async function worker() {
    while (next < requests.length) {
      const request = requests[next++]
      const storageKey = placeholderImageKey(request.productId)
      const file = join(uploadsDir, storageKey)
      await mkdir(dirname(file), { recursive: true })
      const info = await sharp(svgFor(request)).flatten().webp({ quality: 80, effort: 2 }).toFile(file)
      results.push({ productId: request.productId, storageKey, width: info.width, height: info.height, byteSize: info.size })
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker))
  return results
}
