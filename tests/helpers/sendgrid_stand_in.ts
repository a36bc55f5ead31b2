import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SendGridRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: any
}

type Behaviour = { status: number; body?: unknown } | { hold: true }

/**
 * A local stand-in for SendGrid's v3 Mail Send API on 127.0.0.1 and a
 * random port, for the sendgrid driver's tests (the SDK is pointed at it
 * with its base URL). It records every request, answers 202 with an
 * X-Message-Id by default, and can be told to fail (`failNext`) or to
 * hold the next request without answering (`holdNext`), the way a slow
 * API would while a worker is killed.
 *
 * Only a message answered with 202 counts as `accepted`: a held request
 * whose client went away was never acknowledged.
 */
export class SendGridStandIn {
  readonly requests: SendGridRequest[] = []
  readonly accepted: SendGridRequest[] = []
  readonly aborted: SendGridRequest[] = []
  #server: Server
  #script: Behaviour[] = []
  #held: Array<(request: SendGridRequest) => void> = []
  #sequence = 0

  private constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk) => chunks.push(chunk))
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        let body: unknown = raw
        try {
          body = raw ? JSON.parse(raw) : null
        } catch {}
        const recorded = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body }
        this.requests.push(recorded)
        this.#answer(recorded, response)
      })
    })
  }

  static async start(): Promise<SendGridStandIn> {
    const standIn = new SendGridStandIn()
    await new Promise<void>((resolve) => standIn.#server.listen(0, '127.0.0.1', resolve))
    return standIn
  }

  get url() {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  /** The next `count` requests get `status` (429, 503…) with a SendGrid-style error body. */
  failNext(count: number, status = 503) {
    for (let i = 0; i < count; i++) {
      this.#script.push({ status, body: { errors: [{ message: `stand-in outage (${status})`, field: null, help: null }] } })
    }
  }

  /** The next request is never answered; resolves with it once it arrived. */
  holdNext(): Promise<SendGridRequest> {
    this.#script.push({ hold: true })
    return new Promise((resolve) => this.#held.push(resolve))
  }

  /** Accepted messages to `address`. */
  acceptedTo(address: string) {
    return this.accepted.filter((request) =>
      (request.body?.personalizations ?? []).some((p: any) => (p.to ?? []).some((to: any) => to.email === address))
    )
  }

  async close() {
    this.#server.closeAllConnections()
    await new Promise((resolve) => this.#server.close(resolve))
  }

  #answer(request: SendGridRequest, response: ServerResponse) {
    if (request.method !== 'POST' || request.path !== '/v3/mail/send') {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ errors: [{ message: 'not found' }] }))
      return
    }
    const behaviour = this.#script.shift() ?? { status: 202 }
    if ('hold' in behaviour) {
      response.on('close', () => {
        if (!response.writableEnded) this.aborted.push(request)
      })
      this.#held.shift()?.(request)
      return
    }
    if (behaviour.status === 202) {
      this.accepted.push(request)
      response.writeHead(202, { 'x-message-id': `stand-in-${++this.#sequence}` })
      response.end()
      return
    }
    response.writeHead(behaviour.status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(behaviour.body ?? {}))
  }
}
