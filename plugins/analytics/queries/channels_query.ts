import db from '@adonisjs/lucid/services/db'

export interface CountrySales {
  country: string
  orders: number
  totalSales: number
  refunds: number
  netSales: number
}

/**
 * Sales per shipping country over a range, by net sales (goods after
 * discounts and returns, no tax or shipping), largest first ("ZZ": orders
 * without a shipping address). Total sales and refunds are the money
 * charged and given back.
 */
export async function salesByCountry(from: string, to: string, currency: string): Promise<CountrySales[]> {
  const rows = await db
    .from('analytics_daily_countries')
    .where('currency', currency)
    .whereBetween('day', [from, to])
    .groupBy('country')
    .select('country')
    .sum('orders as orders')
    .sum('total_sales as total_sales')
    .sum('refunds as refunds')
    .sum('net_sales as net_sales')
    .orderByRaw('SUM(net_sales) DESC')
    .orderBy('country')
  return rows.map((row) => ({
    country: String(row.country),
    orders: Number(row.orders),
    totalSales: Number(row.total_sales),
    refunds: Number(row.refunds),
    netSales: Number(row.net_sales),
  }))
}

export interface CollectionSales {
  collectionId: number
  title: string
  units: number
  revenue: number
}

/** Best-selling collections of a range by revenue (a product in two collections counts in both). */
export async function topCollections(from: string, to: string, currency: string, limit = 10): Promise<CollectionSales[]> {
  const rows = await db
    .from('analytics_daily_collections')
    .where('currency', currency)
    .whereBetween('day', [from, to])
    .groupBy('collection_id')
    .select('collection_id')
    .max('title as title')
    .sum('units as units')
    .sum('revenue as revenue')
    .orderByRaw('SUM(revenue) DESC')
    .orderBy('collection_id')
    .limit(limit)
  return rows.map((row) => ({
    collectionId: Number(row.collection_id),
    title: String(row.title),
    units: Number(row.units),
    revenue: Number(row.revenue),
  }))
}

export interface Funnel {
  visits: number
  carts: number
  checkouts: number
  orders: number
  /**
   * Whether any storefront traffic was counted in the range. Without it the
   * visits, carts and checkouts are unknown rather than 0 (counting started
   * later, or the storefront runs elsewhere), and the page says so.
   */
  trafficRecorded: boolean
  steps: Array<{ label: string; count: number; rate: number | null; recorded: boolean }>
}

/**
 * Storefront visits, carts created, checkouts started (first-party counts)
 * and paid orders in every currency over a range, with each step's share
 * of the one before it.
 */
export async function conversionFunnel(from: string, to: string): Promise<Funnel> {
  const [traffic] = await db
    .from('analytics_daily_funnel')
    .whereBetween('day', [from, to])
    .sum('visits as visits')
    .sum('carts as carts')
    .sum('checkouts as checkouts')
    .count('* as days')
  const [sales] = await db.from('analytics_daily_sales').whereBetween('day', [from, to]).sum('orders as orders')
  const counts = {
    visits: Number(traffic?.visits ?? 0),
    carts: Number(traffic?.carts ?? 0),
    checkouts: Number(traffic?.checkouts ?? 0),
    orders: Number(sales?.orders ?? 0),
  }
  const trafficRecorded = Number(traffic?.days ?? 0) > 0
  const labels = { visits: 'Visits', carts: 'Carts', checkouts: 'Checkouts', orders: 'Orders' } as const
  const keys = Object.keys(labels) as Array<keyof typeof labels>
  const steps = keys.map((key, index) => {
    const recorded = key === 'orders' || trafficRecorded
    const before = index ? counts[keys[index - 1]] : 0
    // a share of an unknown step before (no traffic counted) would be a made-up figure
    const beforeRecorded = index > 0 && (keys[index - 1] === 'orders' || trafficRecorded)
    return { label: labels[key], count: counts[key], recorded, rate: recorded && beforeRecorded && before ? Math.round((counts[key] / before) * 1000) / 10 : null }
  })
  return { ...counts, trafficRecorded, steps }
}
