import app from '@adonisjs/core/services/app'

/** The plugin host, outbox relay and job queue the app booted with. */
export async function outboxServices() {
  return {
    host: await app.container.make('stockroom.plugins'),
    relay: await app.container.make('stockroom.outbox'),
    queue: await app.container.make('stockroom.queue'),
  }
}

/**
 * Does what a worker would: relays every recorded event, then works every
 * queued job (retries included) until none is left.
 */
export async function settleOutbox(timeoutMs = 15_000) {
  const { relay, queue } = await outboxServices()
  const batch = 500
  while ((await relay.relayPending(batch)) === batch) {}
  await queue.drain(timeoutMs)
}
