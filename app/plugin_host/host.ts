import semver from 'semver'
import type { ApplicationService, LoggerService } from '@adonisjs/core/types'
import type { Router } from '@adonisjs/core/http'
import { DriverRegistry } from '#plugin_host/driver_registry'
import { JobRegistry } from '#jobs/job_registry'
import type { PaymentDriver } from '#plugin_host/extension_points/payments'
import type { InventoryPort } from '#plugin_host/extension_points/inventory'
import { invalidatingCatalogCache } from '#catalog/stock_cache_invalidation'
import { PricingPipeline } from '#pricing/pipeline'
import { CORE_PRICING_STEPS } from '#pricing/core_steps'
import type { Notifier } from '#plugin_host/extension_points/notifications'
import type {
  AdminNavEntry,
  CliCommandFactory,
  DashboardWidget,
  EventListenerDefinition,
  EventName,
  PluginBootContext,
  PluginContext,
  PluginDefinition,
} from '#plugin_host/types'

/** Thrown while loading plugins; the message always names the plugin. */
export class PluginLoadError extends Error {
  constructor(
    readonly plugin: string,
    message: string
  ) {
    super(`Plugin "${plugin}": ${message}`)
    this.name = 'PluginLoadError'
  }
}

interface LoadedPlugin {
  definition: PluginDefinition<any>
  context: PluginContext<any>
}

/**
 * Loads the plugins listed in config/plugins.ts and owns the extension
 * points they fill. Order of life: `register` (bind drivers, listeners,
 * jobs) for every plugin in list order, then `boot` (routes, views, admin
 * UI), then `shutdown` in reverse order when the app stops.
 */
export class PluginHost {
  readonly payments = new DriverRegistry<PaymentDriver>('payment')
  readonly inventoryDrivers = new DriverRegistry<InventoryPort>('inventory')
  readonly notifierDrivers = new DriverRegistry<Notifier>('notification')
  /** Core's pricing steps plus the ones plugins place between them; bound in the container as PricingPipeline. */
  readonly pricing = new PricingPipeline(CORE_PRICING_STEPS)
  readonly jobs: JobRegistry

  #loaded: LoadedPlugin[] = []
  #nav: AdminNavEntry[] = []
  #widgets: DashboardWidget[] = []
  #listeners = new Map<string, EventListenerDefinition<any>>()
  #cliCommands: CliCommandFactory[] = []
  #defaults: { inventory?: InventoryPort; notifier?: Notifier } = {}

  constructor(
    protected app: ApplicationService,
    protected logger: LoggerService,
    readonly coreVersion: string,
    jobs?: JobRegistry
  ) {
    this.jobs = jobs ?? new JobRegistry()
  }

  /**
   * Checks the whole list before running any plugin code, so a bad list
   * stops boot with one clear message and nothing half-registered.
   */
  validate(definitions: PluginDefinition<any>[]) {
    const seen = new Set<string>()
    for (const definition of definitions) {
      const name = definition.name
      if (seen.has(name)) {
        throw new PluginLoadError(name, 'is listed twice in config/plugins.ts')
      }
      if (!definition.version || !semver.valid(definition.version)) {
        throw new PluginLoadError(name, `version "${definition.version}" is not a semver version`)
      }
      if (definition.compatibility && !semver.satisfies(this.coreVersion, definition.compatibility)) {
        throw new PluginLoadError(
          name,
          `supports Stockroom ${definition.compatibility}, but this is Stockroom ${this.coreVersion}`
        )
      }
      for (const dependency of definition.dependencies ?? []) {
        if (!seen.has(dependency)) {
          const listedLater = definitions.some((other) => other.name === dependency)
          throw new PluginLoadError(
            name,
            listedLater
              ? `depends on "${dependency}", which must be listed before it in config/plugins.ts`
              : `depends on "${dependency}", which is not listed in config/plugins.ts`
          )
        }
      }
      seen.add(name)
    }
  }

  async register(definitions: PluginDefinition<any>[]) {
    this.validate(definitions)
    for (const definition of definitions) {
      const context = this.#contextFor(definition, await this.#settingsFor(definition))
      this.#loaded.push({ definition, context })
      try {
        await definition.register?.(context)
      } catch (error) {
        throw new PluginLoadError(definition.name, `register() failed: ${(error as Error).message}`)
      }
    }
  }

  async boot(router: Router, mountViews: (name: string, folder: URL) => void) {
    for (const { definition, context } of this.#loaded) {
      if (definition.views) mountViews(definition.name, definition.views)
      try {
        await definition.boot?.({ ...context, router } satisfies PluginBootContext<any>)
      } catch (error) {
        throw new PluginLoadError(definition.name, `boot() failed: ${(error as Error).message}`)
      }
    }
    // Wrapped so any driver's stock adjustments drop the cached catalog pages they affect.
    this.#defaults.inventory = this.inventoryDrivers.defaultName()
      ? invalidatingCatalogCache(await this.inventoryDrivers.get())
      : undefined
    this.#defaults.notifier = this.notifierDrivers.defaultName()
      ? await this.notifierDrivers.get()
      : undefined
  }

  /** Shuts plugins down in reverse order; one failing does not stop the rest. */
  async shutdown() {
    for (const { definition, context } of [...this.#loaded].reverse()) {
      try {
        await definition.shutdown?.(context)
      } catch (error) {
        this.logger.error({ err: error, plugin: definition.name }, 'plugin shutdown failed')
      }
    }
  }

  plugins() {
    return this.#loaded.map(({ definition }) => ({
      name: definition.name,
      version: definition.version,
      description: definition.description ?? '',
    }))
  }

  /**
   * The active InventoryPort. Core gets it from the container (the provider
   * binds `InventoryPort` to this); only the provider calls it.
   */
  inventory(): InventoryPort {
    if (!this.#defaults.inventory) {
      throw new Error('No inventory driver is registered: enable the inventory plugin in config/plugins.ts')
    }
    return this.#defaults.inventory
  }

  /** The active Notifier, bound in the container as `Notifier` by the provider. */
  notifier(): Notifier {
    if (!this.#defaults.notifier) {
      throw new Error('No notification driver is registered: enable the notifications plugin in config/plugins.ts')
    }
    return this.#defaults.notifier
  }

  /** Core entries are added by core through `addNav` like any plugin's. */
  addNav(entry: AdminNavEntry) {
    if (this.#nav.some((existing) => existing.id === entry.id)) {
      throw new Error(`Admin navigation entry "${entry.id}" is registered twice`)
    }
    this.#nav.push({ section: 'main', order: 100, ...entry })
  }

  adminNav(): AdminNavEntry[] {
    return [...this.#nav].sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
  }

  dashboardWidgets(): DashboardWidget[] {
    return [...this.#widgets].sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
  }

  listenersFor(event: string): EventListenerDefinition<any>[] {
    return [...this.#listeners.values()].filter((listener) => listener.event === event)
  }

  listener(id: string): EventListenerDefinition<any> | undefined {
    return this.#listeners.get(id)
  }

  /** Adds a listener outside any plugin (core listeners, tests). */
  listen<Name extends EventName>(listener: EventListenerDefinition<Name>) {
    if (this.#listeners.has(listener.id)) {
      throw new Error(`An event listener with id "${listener.id}" is already registered`)
    }
    this.#listeners.set(listener.id, listener)
  }

  /** Removes a listener (tests use it to clean up after themselves). */
  unlisten(id: string) {
    this.#listeners.delete(id)
  }

  cliCommands(): CliCommandFactory[] {
    return [...this.#cliCommands]
  }

  async #settingsFor(definition: PluginDefinition<any>) {
    if (!definition.settings) return {}
    try {
      return await definition.settings.validator.validate(definition.settings.values ?? {})
    } catch (error: any) {
      const details = Array.isArray(error?.messages)
        ? error.messages.map((m: any) => `${m.field}: ${m.message}`).join('; ')
        : error.message
      throw new PluginLoadError(definition.name, `invalid settings in config/plugins.ts (${details})`)
    }
  }

  #contextFor(definition: PluginDefinition<any>, settings: unknown): PluginContext<any> {
    const name = definition.name
    return {
      app: this.app,
      name,
      settings,
      logger: this.logger.child({ plugin: name }) as unknown as LoggerService,
      payments: this.payments,
      inventory: this.inventoryDrivers,
      notifications: this.notifierDrivers,
      pricing: this.pricing.registryFor(name),
      admin: {
        nav: (entry) => this.addNav(entry),
        widget: (widget) => {
          if (this.#widgets.some((existing) => existing.id === widget.id)) {
            throw new PluginLoadError(name, `dashboard widget "${widget.id}" is registered twice`)
          }
          this.#widgets.push(widget)
        },
      },
      events: {
        listen: (listener) => {
          if (this.#listeners.has(listener.id)) {
            throw new PluginLoadError(name, `event listener "${listener.id}" is registered twice`)
          }
          this.#listeners.set(listener.id, listener)
        },
      },
      jobs: {
        define: (job) => this.jobs.define(job),
      },
      cli: {
        command: (factory) => this.#cliCommands.push(factory),
      },
    }
  }
}
