import type { ApplicationService, LoggerService } from '@adonisjs/core/types'
import type { Router } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { PaymentDriver } from '#plugin_host/extension_points/payments'
import type { InventoryPort } from '#plugin_host/extension_points/inventory'
import type { Notifier } from '#plugin_host/extension_points/notifications'
import type { PricingRegistry } from '#plugin_host/extension_points/pricing'
import type { DomainEvents } from '#events/domain_events'
import type { Command } from 'commander'

/** A named factory registry: plugins `use` drivers, core `get`s them. */
export interface DriverRegistryContract<Driver> {
  use(name: string, factory: () => Driver | Promise<Driver>): void
  has(name: string): boolean
  names(): string[]
}

export interface AdminNavEntry {
  /** stable id, e.g. "notifications.emails" */
  id: string
  label: string
  href: string
  /** lower sorts first; core entries use multiples of 10 */
  order?: number
  /** the sidebar section: the store's pages, its settings (system), or tools for developers (folded, last) */
  section?: 'main' | 'system' | 'developer'
  /** permission the staff member needs to see it (checked once roles land) */
  permission?: string
  /**
   * A count shown beside the label when above zero (low stock, failed
   * jobs…). Runs on every back-office page for staff who see the entry:
   * keep it to one indexed count.
   */
  badge?: () => Promise<number> | number
}

export interface DashboardWidget {
  id: string
  title: string
  /** Edge template rendered in the dashboard grid, e.g. "notifications::widgets/recent" */
  view: string
  order?: number
  /** loads the template's data; runs per dashboard render */
  data?: () => Promise<Record<string, unknown>> | Record<string, unknown>
}

export type EventName = keyof DomainEvents & string

export interface EventListenerDefinition<Name extends EventName = EventName> {
  /** stable id, unique per plugin, recorded with every delivery */
  id: string
  event: Name
  handle(payload: DomainEvents[Name], meta: { eventId: number; attempt: number }): Promise<void> | void
  /** attempts before the delivery is marked failed (default 5) */
  attempts?: number
  /** first retry delay in ms, doubled each attempt (default 1000) */
  backoffMs?: number
}

export interface JobDefinition<Payload = any> {
  /** stable name, e.g. "notifications.send"; never a file path */
  name: string
  handle(payload: Payload, meta: { attempt: number; jobId: string }): Promise<void> | void
  attempts?: number
  /** first retry delay in ms, doubled each attempt (default 1000) */
  backoffMs?: number
  /** called once when the last attempt failed */
  failed?(payload: Payload, error: Error): Promise<void> | void
}

/** A CLI command factory for the `stockroom` operator CLI (commander). */
export type CliCommandFactory = () => Command

export interface PluginContext<Settings = Record<string, unknown>> {
  app: ApplicationService
  name: string
  settings: Settings
  logger: LoggerService
  payments: DriverRegistryContract<PaymentDriver>
  inventory: DriverRegistryContract<InventoryPort>
  notifications: DriverRegistryContract<Notifier>
  /** place pricing steps before or after core's (`line_prices`, `discounts`, `shipping`, `tax`) */
  pricing: PricingRegistry
  admin: {
    nav(entry: AdminNavEntry): void
    widget(widget: DashboardWidget): void
  }
  events: {
    listen<Name extends EventName>(listener: EventListenerDefinition<Name>): void
  }
  jobs: {
    define<Payload>(job: JobDefinition<Payload>): void
  }
  cli: {
    command(factory: CliCommandFactory): void
  }
}

export interface PluginBootContext<Settings = Record<string, unknown>> extends PluginContext<Settings> {
  router: Router
}

export interface PluginDefinition<Settings = Record<string, unknown>> {
  /** lowercase, dashes; also the Edge disk name for its views (`name::`) */
  name: string
  version: string
  description?: string
  /** semver range of Stockroom versions this plugin works with */
  compatibility?: string
  /** names of plugins that must be listed (earlier) in config/plugins.ts */
  dependencies?: string[]
  /** raw settings and the VineJS validator that checks them at boot */
  settings?: { values: unknown; validator: VineValidator<any, any> }
  /** folder of Lucid migrations, run after core's */
  migrations?: URL
  /** folder of Edge templates, mounted as `<name>::` */
  views?: URL
  register?(ctx: PluginContext<Settings>): void | Promise<void>
  boot?(ctx: PluginBootContext<Settings>): void | Promise<void>
  shutdown?(ctx: PluginContext<Settings>): void | Promise<void>
}
