/**
 * Where to send staff after signing in. Only same-site paths inside the
 * back-office are accepted: `//evil.example`, `/\evil.example`, absolute
 * URLs and anything outside `/admin` fall back to the dashboard, so the
 * sign-in form cannot be used as an open redirect.
 */
export function safeAdminRedirect(next: unknown, fallback = '/admin'): string {
  if (typeof next !== 'string' || !/^\/admin(?:[/?#]|$)/.test(next)) return fallback
  return sameSitePath(next, (path) => /^\/admin(?:\/|$)/.test(path)) ?? fallback
}

/**
 * Where to send a shopper after signing in: a same-site path of the
 * storefront (never `/admin`, never another origin, same checks as above),
 * or the account page.
 */
export function safeStorefrontRedirect(next: unknown, fallback = '/account'): string {
  if (typeof next === 'string' && /^\/admin(?:[/?#]|$)/.test(next)) return fallback
  return sameSitePath(next, (path) => !/^\/admin(?:\/|$)/.test(path)) ?? fallback
}

/** `next` as a path of this site that `allowed` accepts (checked after dot segments resolve), or null. */
function sameSitePath(next: unknown, allowed: (pathname: string) => boolean): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return null
  // Browsers treat "\" like "/" and ignore tabs and newlines inside URLs.
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return null
  if (!/^\/(?!\/)/.test(next)) return null
  try {
    const base = 'http://stockroom.invalid'
    const resolved = new URL(next, base)
    // Dot segments resolve away ("/admin/../evil" is "/evil"): check the resolved path.
    if (resolved.origin !== base || !allowed(resolved.pathname)) return null
    return `${resolved.pathname}${resolved.search}${resolved.hash}`
  } catch {
    return null
  }
}
