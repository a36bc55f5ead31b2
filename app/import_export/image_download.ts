import { IMAGE_LIMITS, formatBytes } from '#catalog/image_processing'

/** Why a download failed; `permanent` failures (404, too large) are not worth retrying. */
export class ImageDownloadError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean
  ) {
    super(message)
  }
}

export interface DownloadOptions {
  /** the whole download, headers and body (default 20 s) */
  timeoutMs?: number
  maxBytes?: number
}

/**
 * Downloads an image URL into memory, refusing anything over `maxBytes`
 * as soon as the size is known (Content-Length, or counting while it
 * streams). Whether it is an image is decided later, from the bytes.
 */
export async function downloadImage(url: string, options: DownloadOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? IMAGE_LIMITS.maxBytes
  const timeoutMs = options.timeoutMs ?? 20_000
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ImageDownloadError(`Not a URL: ${url}`, true)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ImageDownloadError(`Only http and https URLs are fetched (got ${parsed.protocol})`, true)
  }

  const signal = AbortSignal.timeout(timeoutMs)
  let response: Response
  try {
    response = await fetch(parsed, { signal, headers: { accept: 'image/avif,image/webp,image/*;q=0.8' } })
  } catch (error) {
    throw new ImageDownloadError(describeFailure(error, timeoutMs), false)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {})
    // 4xx will not change by asking again (except 408 and 429); 5xx may.
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429
    throw new ImageDownloadError(`The server answered ${response.status} ${response.statusText}`.trim(), permanent)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw new ImageDownloadError(tooLarge(declared, maxBytes), true)
  }

  const chunks: Buffer[] = []
  let received = 0
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.length
      if (received > maxBytes) throw new ImageDownloadError(tooLarge(received, maxBytes, true), true)
      chunks.push(Buffer.from(chunk))
    }
  } catch (error) {
    if (error instanceof ImageDownloadError) throw error
    throw new ImageDownloadError(describeFailure(error, timeoutMs), false)
  }
  return Buffer.concat(chunks)
}

function tooLarge(bytes: number, maxBytes: number, atLeast = false) {
  return `The image is ${atLeast ? 'over ' : ''}${formatBytes(bytes)}; at most ${formatBytes(maxBytes)} is fetched`
}

function describeFailure(error: unknown, timeoutMs: number) {
  const name = (error as Error)?.name
  if (name === 'TimeoutError' || name === 'AbortError') return `No complete answer within ${timeoutMs / 1000} s`
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  return `Download failed: ${cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)}`
}
