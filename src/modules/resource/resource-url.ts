/**
 * One live resource per URL. Every writer (the admin API, feeds, partners, another process running
 * `npm run ingest`) stores `urlKey` on the resources it writes, and a unique index on it makes the
 * second writer of a URL fail instead of creating a duplicate: the database, not a read made before
 * the write, decides who holds a URL. A retired resource has no `urlKey`, so its URL is free again.
 */

const TRACKING_PARAMETERS = /^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_eid|mc_cid|_hsenc|_hsmi|ref_src)$/i;

/**
 * The canonical spelling of a parsed URL: lower-case scheme and host, no default port, no tracking
 * parameters (utm_*, fbclid, …), no fragment, no trailing slash. Two listings of one page compare equal.
 */
export function canonicalUrlOf(parsed: URL): string {
  const kept = [...parsed.searchParams].filter(([name]) => !TRACKING_PARAMETERS.test(name));
  const query = kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  const port = parsed.port ? `:${parsed.port}` : '';
  return `${parsed.protocol}//${parsed.hostname.toLowerCase()}${port}${path}${query}`;
}

/**
 * The key a resource holds its URL under: the canonical URL without scheme and "www.", so
 * "https://www.github.com/a/" and "http://github.com/a?utm_source=x" are one page. Null for anything
 * that is not an absolute http(s) URL (no writer stores one).
 */
export function resourceUrlKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return canonicalUrlOf(parsed).replace(/^https?:\/\/(?:www\.)?/, '');
}
