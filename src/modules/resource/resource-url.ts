/**
 * One live resource per URL (per edition, for events). Every writer (the admin API, feeds, partners, another process running
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

/** What a resource's URL claim depends on: its URL, and for an event its start date. */
export interface UrlClaimant {
  url: string;
  kind: string;
  startDate?: Date | null;
}

/**
 * The page a URL points at, whatever its spelling: the canonical URL without scheme and "www.", so
 * "https://www.github.com/a/" and "http://github.com/a?utm_source=x" are one page. The one URL
 * identity rule: URL claims, feeds' de-duplication of their own listings and duplicate checks all use
 * it. Null for anything that is not an absolute http(s) URL (no writer stores one).
 */
export function pageKeyOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return canonicalUrlOf(parsed).replace(/^https?:\/\/(?:www\.)?/, '');
}

/**
 * The key a resource holds its URL under: its page (`pageKeyOf`). An event's key adds its start day
 * ("jsconf.eu@2027-06-01"): a recurring conference keeps one homepage for every edition, and each
 * edition is a resource of its own. Null for anything that is not an absolute http(s) URL.
 */
export function resourceUrlKey(resource: UrlClaimant): string | null {
  const page = pageKeyOf(resource.url);
  if (page === null) return null;
  const startDate = resource.kind === 'EVENT' && resource.startDate ? new Date(resource.startDate) : null;
  return startDate && !Number.isNaN(startDate.getTime()) ? `${page}@${startDate.toISOString().slice(0, 10)}` : page;
}
