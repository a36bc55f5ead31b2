import { randomUUID } from 'node:crypto'
import type { HttpAgent } from '#tests/helpers/http_agent'

export interface LiveMessage {
  channel: string
  payload: Record<string, unknown>
}

/** The CSRF token a page gives htmx and the live client (the body's hx-headers). */
export function pageCsrfToken(html: string) {
  const token = /"X-CSRF-TOKEN": "([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no X-CSRF-TOKEN in the page')
  return token
}

/** The live channel an element of the page follows. */
export function pageLiveChannel(html: string) {
  const channel = /data-live-channel="([^"]+)"/.exec(html)?.[1]
  if (!channel) throw new Error('no data-live-channel in the page')
  return channel
}

/**
 * What the browser's live client does, from Node: opens the SSE stream
 * with the agent's cookies, parses `data:` frames, and subscribes
 * channels with the page's CSRF token.
 */
export async function openLiveStream(agent: HttpAgent) {
  const uid = randomUUID()
  const controller = new AbortController()
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(new URL(`/__transmit/events?uid=${uid}`, agent.baseUrl), {
    headers: { accept: 'text/event-stream', cookie },
    signal: controller.signal,
  })
  if (response.status !== 200) throw new Error(`event stream answered ${response.status}`)
  const messages: LiveMessage[] = []
  const waiters: Array<() => void> = []
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n')
          if (!data) continue
          const message = JSON.parse(data) as LiveMessage
          if (message.channel.startsWith('$$transmit/')) continue
          messages.push(message)
          waiters.splice(0).forEach((wake) => wake())
        }
      }
    } catch {
      // aborted by close()
    }
  })()

  return {
    uid,
    messages,
    contentType: response.headers.get('content-type'),
    subscribe(channel: string, csrfToken: string | null) {
      return agent.request('POST', '/__transmit/subscribe', {
        form: { uid, channel },
        headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      })
    },
    /** Resolves with the first message on `channel`, or rejects after `timeoutMs`. */
    async next(channel: string, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = messages.find((message) => message.channel === channel)
        if (found) return found
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no message on ${channel} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left)
          waiters.push(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
    },
    close() {
      controller.abort()
    },
  }
}
