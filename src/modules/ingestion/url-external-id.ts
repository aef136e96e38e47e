/**
 * The external id under which the URL-keyed feeds (free-programming-books, awesome-for-beginners)
 * published their records: the URL without scheme, "www.", trailing slash and fragment, the query as
 * written. It only names a record; whether two URLs are one page is `resourceUrlKey`'s call (the one
 * URL identity rule, src/modules/resource/resource-url.ts), which the adapters group listings by.
 * Frozen: an external id that changed would retire every record of the feed and create it again.
 */
export function externalIdOfUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${host}${path}${parsed.search}`;
  } catch {
    return url.trim();
  }
}
