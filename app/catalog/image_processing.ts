import sharp, { type Metadata } from 'sharp'

/** Upload limits: bytes of the file, and decoded pixels (a small PNG can decode to gigabytes). */
export const IMAGE_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 40_000_000,
}

/** WebP widths for srcset. An image narrower than a step stops there (never upscaled). */
export const RENDITION_WIDTHS = [160, 320, 640, 1024, 1600]

/**
 * WebP at effort 2 instead of the default 4: half the encoding time (the
 * widest copies dominate it) for files about 4 % larger.
 */
const WEBP_OPTIONS = { quality: 80, effort: 2 }

/**
 * AVIF at the lowest effort: 0.4–0.9 s for a 12 MP photo on an idle core,
 * files 25–45 % smaller than WebP. That would more than double an upload's
 * wait, so a job adds AVIF afterwards. Sharp's default effort (4) takes ~15×
 * as long. Measurements: docs/images.md.
 */
const AVIF_OPTIONS = { quality: 50, effort: 0 }

/** Formats accepted, by what sharp reads in the bytes (never the file name). */
const ACCEPTED: Record<string, { ext: string; mime: string }> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
  avif: { ext: 'avif', mime: 'image/avif' },
}

const ACCEPTED_LABEL = 'JPEG, PNG, WebP, AVIF or GIF'

/** The file is not an image we take; `message` is meant for the person who uploaded it. */
export class ImageRejectedError extends Error {
  constructor(
    message: string,
    readonly reason: 'too_large' | 'too_many_pixels' | 'unsupported' | 'unreadable'
  ) {
    super(message)
  }
}

export interface ImageInfo {
  format: keyof typeof ACCEPTED
  ext: string
  mime: string
  /** as displayed, after EXIF orientation */
  width: number
  height: number
  bytes: number
}

export interface ProcessedImage {
  original: ImageInfo & { buffer: Buffer }
  /** narrowest first; the last one is the widest copy the storefront shows */
  renditions: Array<{ width: number; height: number; buffer: Buffer }>
  ms: number
}

/** "20 MB", "1.5 MB", "900 KB": sizes in messages people read. */
export function formatBytes(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

/**
 * Identifies an upload from its bytes alone and checks the limits, without
 * decoding the pixels. SVG (it can carry script), HTML and anything else
 * sharp cannot parse is refused, whatever its extension says.
 */
export async function inspectImage(input: Buffer): Promise<ImageInfo> {
  if (input.length === 0) throw new ImageRejectedError('The file is empty.', 'unreadable')
  if (input.length > IMAGE_LIMITS.maxBytes) {
    throw new ImageRejectedError(
      `The file is ${formatBytes(input.length)}; images may be at most ${formatBytes(IMAGE_LIMITS.maxBytes)}.`,
      'too_large'
    )
  }
  let metadata: Metadata
  try {
    metadata = await sharp(input).metadata()
  } catch {
    throw new ImageRejectedError(`The file is not a ${ACCEPTED_LABEL} image.`, 'unsupported')
  }
  // sharp reports AVIF as "heif" with the AV1 codec; HEIC (HEVC) is not shown by browsers.
  const format = metadata.format === 'heif' && metadata.compression === 'av1' ? 'avif' : metadata.format
  if (format === 'svg') {
    throw new ImageRejectedError(`SVG images are not accepted (they can contain scripts). Upload a ${ACCEPTED_LABEL} image.`, 'unsupported')
  }
  const accepted = format ? ACCEPTED[format] : undefined
  if (!accepted || !metadata.width || !metadata.height) {
    throw new ImageRejectedError(`The file is not a ${ACCEPTED_LABEL} image.`, 'unsupported')
  }
  if (metadata.width * metadata.height > IMAGE_LIMITS.maxPixels) {
    throw new ImageRejectedError(
      `The image is ${metadata.width}×${metadata.height} pixels; at most ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels are accepted.`,
      'too_many_pixels'
    )
  }
  // EXIF orientations 5–8 turn the picture a quarter: width and height swap on screen.
  const turned = (metadata.orientation ?? 1) >= 5
  return {
    format: format as keyof typeof ACCEPTED,
    ...accepted,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
    bytes: input.length,
  }
}

/** The widths to render for an image `width` pixels wide: the steps below it, then its own width. */
export function renditionWidths(width: number) {
  const below = RENDITION_WIDTHS.filter((step) => step < width)
  return width <= RENDITION_WIDTHS.at(-1)! ? [...below, width] : RENDITION_WIDTHS.slice()
}

/** The picture decoded once, turned upright and scaled to `width`: the source of every smaller copy. */
async function decodeUpright(input: Buffer, width: number) {
  const widest = await sharp(input, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: 'error' })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return (target: number) =>
    sharp(widest.data, { raw: { width: widest.info.width, height: widest.info.height, channels: widest.info.channels } }).resize({
      width: target,
      withoutEnlargement: true,
    })
}

/**
 * Checks an upload and renders its WebP copies. The picture is decoded and
 * turned upright once, scaled to the widest copy, and the narrower ones are
 * scaled from that (a 12 MP photo: 0.3–0.8 s on a busy shared core). Metadata
 * (EXIF, GPS) is not copied to the renditions.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  const started = performance.now()
  const info = await inspectImage(input)
  const widths = renditionWidths(info.width)
  try {
    const scaled = await decodeUpright(input, widths.at(-1)!)
    const renditions = []
    for (const width of widths) {
      const output = await scaled(width).webp(WEBP_OPTIONS).toBuffer({ resolveWithObject: true })
      renditions.push({ width: output.info.width, height: output.info.height, buffer: output.data })
    }
    return { original: { ...info, buffer: input }, renditions, ms: Math.round(performance.now() - started) }
  } catch (error) {
    throw new ImageRejectedError(
      `The ${info.format.toUpperCase()} file could not be read; it may be damaged or cut short. (${(error as Error).message})`,
      'unreadable'
    )
  }
}

/**
 * AVIF copies of a stored original at the given widths (those of its WebP
 * copies). Run by a job after the image is ready, never in a request.
 */
export async function encodeAvif(original: Buffer, widths: number[]) {
  const started = performance.now()
  const scaled = await decodeUpright(original, Math.max(...widths))
  const renditions = []
  for (const width of widths) {
    const output = await scaled(width).avif(AVIF_OPTIONS).toBuffer({ resolveWithObject: true })
    renditions.push({ width: output.info.width, height: output.info.height, buffer: output.data })
  }
  return { renditions, ms: Math.round(performance.now() - started) }
}
