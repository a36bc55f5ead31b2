import sharp from 'sharp'

/** A photo-like JPEG (gradient plus a shape), `width`×`height`, made with sharp. */
export async function jpegImage(width: number, height: number, options: { orientation?: number } = {}) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#2a6"/><stop offset="1" stop-color="#c52"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="50%" cy="50%" r="${Math.min(width, height) / 3}" fill="#fff8"/></svg>`
  let pipeline = sharp(Buffer.from(svg)).jpeg({ quality: 85 })
  if (options.orientation) pipeline = pipeline.withMetadata({ orientation: options.orientation })
  return pipeline.toBuffer()
}

export async function pngImage(width: number, height: number) {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.6 } } }).png().toBuffer()
}

/** An SVG with a script: what an attacker would upload as "photo.jpg". */
export const svgWithScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(document.cookie)</script><rect width="400" height="400" fill="red"/></svg>'
)

/** HTML that pretends to be a JPEG by its name and a JPEG-looking first line. */
export const htmlPolyglot = Buffer.concat([
  Buffer.from('GIF89a/*'),
  Buffer.from('<html><body><script>alert(1)</script></body></html>'),
])

/** Bytes that start like a JPEG but stop after the header. */
export async function truncatedJpeg() {
  const full = await jpegImage(1200, 900)
  return full.subarray(0, Math.floor(full.length / 3))
}
