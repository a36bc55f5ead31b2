import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Rollups for the second round of dashboards: products per month (so a
 * year's top products sums twelve rows per variant, not 365), sales by
 * shipping country, customers (new vs returning, cohorts, lifetime value)
 * and the storefront funnel.
 *
 * Customers are keyed by an opaque `customer_key` ("c" + customer id, or
 * "e" + a hash of the guest's email), so these tables hold no personal data.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('analytics_daily_products', (table) => {
      table.string('variant_title', 255).nullable()
    })

    this.schema.createTable('analytics_monthly_products', (table) => {
      table.increments('id')
      table.string('month', 7).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.integer('product_id').notNullable()
      table.integer('variant_id').notNullable()
      table.string('title', 255).notNullable()
      table.string('variant_title', 255).nullable()
      table.integer('units').notNullable().defaultTo(0)
      table.bigInteger('revenue').notNullable().defaultTo(0)
      table.unique(['month', 'currency', 'product_id', 'variant_id'])
      table.index(['currency', 'month', 'product_id', 'variant_id', 'units', 'revenue'], 'analytics_monthly_products_top_index')
    })

    this.schema.createTable('analytics_daily_countries', (table) => {
      table.increments('id')
      table.string('day', 10).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      // ISO 3166 alpha-2 of the shipping address; "ZZ" (CLDR's unknown region) when the order shipped nowhere
      table.string('country', 2).notNullable()
      table.integer('orders').notNullable().defaultTo(0)
      table.bigInteger('total_sales').notNullable().defaultTo(0)
      table.bigInteger('refunds').notNullable().defaultTo(0)
      table.unique(['day', 'currency', 'country'])
      table.index(['currency', 'day', 'country', 'orders', 'total_sales', 'refunds'], 'analytics_daily_countries_range_index')
    })

    this.schema.createTable('analytics_customers', (table) => {
      table.string('customer_key', 40).primary()
      table.string('first_day', 10).notNullable()
      table.string('first_month', 7).notNullable().index()
    })
    this.schema.createTable('analytics_customer_days', (table) => {
      table.string('customer_key', 40).notNullable()
      table.string('day', 10).notNullable()
      table.primary(['customer_key', 'day'])
    })
    this.schema.createTable('analytics_customer_months', (table) => {
      table.string('customer_key', 40).notNullable()
      table.string('month', 7).notNullable()
      table.primary(['customer_key', 'month'])
    })
    this.schema.createTable('analytics_daily_customers', (table) => {
      table.string('day', 10).primary()
      table.integer('new_customers').notNullable().defaultTo(0)
      table.integer('returning_customers').notNullable().defaultTo(0)
    })
    this.schema.createTable('analytics_cohorts', (table) => {
      table.string('cohort_month', 7).notNullable()
      table.string('month', 7).notNullable()
      table.integer('customers').notNullable().defaultTo(0)
      table.primary(['cohort_month', 'month'])
    })
    this.schema.createTable('analytics_customer_values', (table) => {
      table.string('customer_key', 40).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.integer('orders').notNullable().defaultTo(0)
      // total paid minus refunds, minor units
      table.bigInteger('value').notNullable().defaultTo(0)
      table.primary(['customer_key', 'currency'])
    })
    this.schema.createTable('analytics_value_buckets', (table) => {
      table.specificType('currency', 'char(3)').notNullable()
      table.integer('bucket').notNullable()
      table.integer('customers').notNullable().defaultTo(0)
      table.primary(['currency', 'bucket'])
    })

    // First-party storefront counts; no visitor identity anywhere.
    this.schema.createTable('analytics_daily_funnel', (table) => {
      table.string('day', 10).primary()
      table.bigInteger('visits').notNullable().defaultTo(0)
      table.bigInteger('carts').notNullable().defaultTo(0)
      table.bigInteger('checkouts').notNullable().defaultTo(0)
    })
    this.schema.createTable('analytics_applied_traffic', (table) => {
      table.bigInteger('outbox_event_id').primary()
    })
  }

  async down() {
    for (const name of [
      'analytics_applied_traffic',
      'analytics_daily_funnel',
      'analytics_value_buckets',
      'analytics_customer_values',
      'analytics_cohorts',
      'analytics_daily_customers',
      'analytics_customer_months',
      'analytics_customer_days',
      'analytics_customers',
      'analytics_daily_countries',
      'analytics_monthly_products',
    ]) {
      this.schema.dropTable(name)
    }
    this.schema.alterTable('analytics_daily_products', (table) => {
      table.dropColumn('variant_title')
    })
  }
}
