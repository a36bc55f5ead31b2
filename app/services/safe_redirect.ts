/**
 * Where to send staff after signing in. Only same-site paths inside the
 * back-office are accepted: `//evil.example`, `/\evil.example`, absolute
 * URLs and anything outside `/admin` fall back to the dashboard, so the
 * sign-in form cannot be used as an open redirect.
 */
export function safeAdminRedirect(next: unknown, fallback = '/admin'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback
  // Browsers treat "\" like "/" and ignore tabs and newlines inside URLs.
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return fallback
  if (!/^\/admin(?:[/?#]|$)/.test(next)) return fallback
  try {
    const base = 'http://stockroom.invalid'
    const resolved = new URL(next, base)
    // Dot segments resolve away ("/admin/../evil" is "/evil"): check again after.
    if (resolved.origin !== base || !/^\/admin(?:\/|$)/.test(resolved.pathname)) return fallback
    return `${resolved.pathname}${resolved.search}${resolved.hash}`
  } catch {
    return fallback
  }
}
