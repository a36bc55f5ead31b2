import env from '#start/env'

/**
 * The store's public address, for every absolute URL made where no request
 * tells the host: emails, account links, exported image URLs, the CLI.
 * `APP_URL` when set (production sets it); else the local server this
 * process would listen on, from HOST and PORT as `node ace serve` and
 * `bin/server.js` read them (http://localhost:3333 by default). Pages
 * served to a request use #catalog/seo `siteOrigin`, which starts here too.
 */
export function storeOrigin(): string {
  const configured = env.get('APP_URL')
  if (configured) return new URL(configured).origin
  const host = env.get('HOST')
  return `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${env.get('PORT') ?? 3333}`
}

/** `path` on the store's public address: storeUrl('/orders/abc') → https://shop.example/orders/abc. */
export function storeUrl(path: string): string {
  return new URL(path, `${storeOrigin()}/`).href
}
