import type { DriverRegistryContract } from '#plugin_host/types'

/**
 * Named driver factories for one extension point. The first driver a
 * plugin registers is the default unless `prefer` names another; drivers
 * are built once, on first use.
 */
export class DriverRegistry<Driver> implements DriverRegistryContract<Driver> {
  #factories = new Map<string, () => Driver | Promise<Driver>>()
  #instances = new Map<string, Promise<Driver>>()
  #preferred?: string

  constructor(readonly point: string) {}

  use(name: string, factory: () => Driver | Promise<Driver>) {
    if (this.#factories.has(name)) {
      throw new Error(`A ${this.point} driver named "${name}" is already registered`)
    }
    this.#factories.set(name, factory)
  }

  has(name: string) {
    return this.#factories.has(name)
  }

  names() {
    return [...this.#factories.keys()]
  }

  /** Chooses the default driver by name (from settings or env). */
  prefer(name: string | undefined) {
    this.#preferred = name
  }

  defaultName(): string | undefined {
    if (this.#preferred && this.#factories.has(this.#preferred)) return this.#preferred
    return this.names()[0]
  }

  async get(name = this.defaultName()): Promise<Driver> {
    if (!name || !this.#factories.has(name)) {
      const known = this.names()
      throw new Error(
        known.length
          ? `No ${this.point} driver named "${name}". Registered: ${known.join(', ')}`
          : `No ${this.point} driver is registered: enable a plugin that provides one in config/plugins.ts`
      )
    }
    if (!this.#instances.has(name)) {
      this.#instances.set(name, Promise.resolve(this.#factories.get(name)!()))
    }
    return this.#instances.get(name)!
  }
}
